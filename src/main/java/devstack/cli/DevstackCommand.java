package devstack.cli;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
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
        exitCodeOnInvalidInput = ExitCodes.BAD_INPUT, exitCodeOnExecutionException = ExitCodes.FAILED)
public final class DevstackCommand implements Callable<Integer> {
    /** The subcommands, in the order help lists them. picocli builds a model of each from its annotations. */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private final Map<String, String> environment;
    private final Supplier<Instant> started;
    private final boolean interactive;

    @Spec
    private CommandSpec spec;

    DevstackCommand(Map<String, String> environment, Supplier<Instant> started, boolean interactive) {
        this.environment = Map.copyOf(environment);
        this.started = started;
        this.interactive = interactive;
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
        return commandLine(environment, started, System.console() != null, SUBCOMMANDS.keySet());
    }

    /**
     * The command line for the program's own arguments, with the model of only the command they name: building a
     * command's model from its annotations is most of what picocli costs at start-up. {@code stack ...} gets the
     * stack command alone, a lone {@code --version} none; help, completion (whose script lists them), usage
     * errors and anything else get every command, for the listing and the "did you mean" hints.
     */
    public static CommandLine forArguments(Map<String, String> environment, Supplier<Instant> started,
                                           String... args) {
        return forArguments(environment, started, System.console() != null, args);
    }

    /**
     * As {@link #forArguments(Map, Supplier, String...)}, for a run whose terminal is not this process's own (a
     * spare JVM runs the command of another process): {@code interactive} says whether its input and output are
     * a terminal.
     */
    public static CommandLine forArguments(Map<String, String> environment, Supplier<Instant> started,
                                           boolean interactive, String... args) {
        String first = args.length == 0 ? "" : args[0];
        if (SUBCOMMANDS.containsKey(first) && !first.equals("help") && !first.equals("completion")) {
            return commandLine(environment, started, interactive, List.of(first));
        }
        if (BuildVersion.isAskedAlone(args)) {
            return commandLine(environment, started, interactive, List.of());
        }
        return commandLine(environment, started, interactive, SUBCOMMANDS.keySet());
    }

    private static CommandLine commandLine(Map<String, String> environment, Supplier<Instant> started,
                                           boolean interactive, Collection<String> subcommands) {
        // picocli looks for Groovy closures in annotations, which loads the Groovy runtime on every command line,
        // --help and --version included; none of ours is a closure. It also loads the java.sql and java.time
        // classes its converters for those types need; no option of ours has such a type.
        System.setProperty("picocli.disable.closures", "true");
        System.setProperty("picocli.converters.excludes", "java\\.sql\\..*,java\\.time\\..*");
        CommandLine commandLine = new CommandLine(new DevstackCommand(environment, started, interactive));
        subcommands.forEach(name -> commandLine.addSubcommand(name, SUBCOMMANDS.get(name).get()));
        commandLine.setExecutionExceptionHandler(new InternalErrorHandler());
        Terminal terminal = new Terminal(environment, interactive);
        commandLine.setColorScheme(Help.defaultColorScheme(terminal.colouredHelp() ? Help.Ansi.ON : Help.Ansi.OFF));
        return commandLine;
    }

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> subcommands = new LinkedHashMap<>();
        subcommands.put("stack", () -> new StackCommand());
        subcommands.put("unstack", () -> new UnstackCommand());
        subcommands.put("clean", () -> new CleanCommand());
        subcommands.put("plugins", () -> new PluginsCommand());
        subcommands.put("check", () -> new CheckCommand());
        subcommands.put("new-plugin", () -> new NewPluginCommand());
        subcommands.put("completion", () -> new CompletionCommand());
        subcommands.put("help", () -> new CommandLine.HelpCommand());
        return subcommands;
    }

    Map<String, String> environment() {
        return environment;
    }

    Terminal terminal() {
        return new Terminal(environment, interactive);
    }

    /** When the run started. */
    Instant started() {
        return started.get();
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing subcommand: say stack, unstack, clean, plugins, check, new-plugin or completion");
    }
}
