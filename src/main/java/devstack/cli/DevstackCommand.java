package devstack.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level command: only dispatches to its subcommands. */
@Command(name = "devstack", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "DevStack's plugin host: runs Groovy extras.d hooks, nova hypervisor plugins and external "
                + "plugins (enable_plugin) at DevStack's lifecycle points.",
        subcommands = {StackCommand.class, UnstackCommand.class, CleanCommand.class, PluginsCommand.class,
                CheckCommand.class, NewPluginCommand.class, CompletionCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeOnInvalidInput = ExitCodes.BAD_INPUT, exitCodeOnExecutionException = ExitCodes.FAILED)
public final class DevstackCommand implements Callable<Integer> {
    private final Map<String, String> environment;

    @Spec
    private CommandSpec spec;

    DevstackCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The command line for this program, with {@code environment} as the process environment plugins see. */
    public static CommandLine commandLine(Map<String, String> environment) {
        CommandLine commandLine = new CommandLine(new DevstackCommand(environment));
        commandLine.setExecutionExceptionHandler(new InternalErrorHandler());
        return commandLine;
    }

    Map<String, String> environment() {
        return environment;
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing subcommand: say stack, unstack, clean or plugins");
    }
}
