package devstack.cli;

import java.time.Instant;

/** The program's entry point: {@code java -jar devstack.jar stack|unstack|clean}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // The one answer that needs nothing but the build's own record: given before the command line is modelled.
        if (BuildVersion.isAskedAlone(args)) {
            for (String line : new BuildVersion().getVersion()) {
                System.out.println(line);
            }
            System.exit(ExitCodes.OK);
        }
        System.exit(DevstackCommand.forArguments(System.getenv(), Main::processStart, args).execute(args));
    }

    /**
     * When this process started: the wrappers exec the launcher, which execs the JVM, so this is when the user's
     * {@code ./stack.sh} started.
     */
    private static Instant processStart() {
        return ProcessHandle.current().info().startInstant().orElseGet(Instant::now);
    }
}
