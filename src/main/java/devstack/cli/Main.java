package devstack.cli;

/** The program's entry point: {@code java -jar devstack.jar stack|unstack|clean}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(DevstackCommand.commandLine(System.getenv()).execute(args));
    }
}
