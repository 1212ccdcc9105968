package devstack.cli;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level command: only dispatches to its subcommands. */
@Command(name = "devstack", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "DevStack's plugin host: runs Groovy extras.d hooks, nova hypervisor plugins and external "
                + "plugins (enable_plugin) at DevStack's lifecycle points.",
        subcommands = {StackCommand.class, UnstackCommand.class, CleanCommand.class, PluginsCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeOnInvalidInput = ExitCodes.BAD_INPUT, exitCodeOnExecutionException = ExitCodes.FAILED)
public final class DevstackCommand implements Callable<Integer> {
    private final Map<String, String> environment;
    private final Supplier<Instant> started;

    @Spec
    private CommandSpec spec;

    DevstackCommand(Map<String, String> environment, Supplier<Instant> started) {
        this.environment = Map.copyOf(environment);
        this.started = started;
    }

    /** The command line for this program, with {@code environment} as the process environment plugins see. */
    public static CommandLine commandLine(Map<String, String> environment) {
        Instant now = Instant.now();
        return commandLine(environment, () -> now);
    }

    /**
     * As {@link #commandLine(Map)}, for a run that started at {@code started} (the program passes the start of
     * its process, so that "completed in N seconds" counts start-up too).
     */
    public static CommandLine commandLine(Map<String, String> environment, Supplier<Instant> started) {
        // picocli looks for Groovy closures in annotations, which loads the Groovy runtime on every command line,
        // --help and --version included. None of ours is a closure.
        System.setProperty("picocli.disable.closures", "true");
        CommandLine commandLine = new CommandLine(new DevstackCommand(environment, started));
        commandLine.setExecutionExceptionHandler(new InternalErrorHandler());
        Terminal terminal = new Terminal(environment);
        commandLine.setColorScheme(Help.defaultColorScheme(terminal.allowsColours() ? Help.Ansi.AUTO
                : Help.Ansi.OFF));
        return commandLine;
    }

    Map<String, String> environment() {
        return environment;
    }

    Terminal terminal() {
        return new Terminal(environment);
    }

    /** When the run started. */
    Instant started() {
        return started.get();
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing subcommand: say stack, unstack, clean or plugins");
    }
}
