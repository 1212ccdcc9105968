package devstack.script;

import devstack.system.CommandFailedException;
import devstack.system.CommandResult;
import java.util.List;

/** The command helpers of {@link PluginScript}: see there for what each does. */
final class CommandHelpers extends HelperGroup {
    CommandHelpers(ScriptContext context, PluginRuntime runtime) {
        super(context, runtime);
    }

    public void source(String path) {
        runtime.source(path);
    }

    public String sh(String command) {
        return machine().commands().sh(command, context.settings().variables().exported());
    }

    public String sudo(String command) {
        // run, not checked: sudo returns the command's stdout alone, as sh does.
        List<String> argv = asRoot(command);
        CommandResult result = machine().commands().run(argv, context.settings().variables().exported());
        if (!result.succeeded()) {
            throw new CommandFailedException(String.join(" ", argv), result.exitCode(), result.lastLines());
        }
        return result.stdout();
    }

    public boolean succeeds(String command) {
        return machine().commands().query(shell(command), context.settings().variables().exported()).succeeded();
    }

    public String query(String command) {
        return machine().commands().query(shell(command), context.settings().variables().exported()).stdout();
    }

    public ShellResult try_sh(String command) {
        return attempt("try_sh", shell(command));
    }

    public ShellResult try_sudo(String command) {
        return attempt("try_sudo", asRoot(command));
    }

    /** A command that may change the machine, whose exit code is the caller's to judge (a dry run plans it). */
    private ShellResult attempt(String helper, List<String> argv) {
        if (argv.get(argv.size() - 1).isBlank()) {
            throw new PluginAbort(helper + ": a command is required");
        }
        CommandResult result = machine().commands().run(argv, context.settings().variables().exported());
        return new ShellResult(result.exitCode(), result.stdout());
    }

    private List<String> asRoot(String command) {
        return machine().privilege().asRootKeepingEnvironment(shell(command));
    }

    private static List<String> shell(String command) {
        return List.of("/bin/sh", "-c", command == null ? "" : command);
    }
}
