package devstack.script;

import devstack.system.CommandFailedException;
import devstack.system.CommandResult;
import devstack.system.FileModes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

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
        List<String> argv = machine().privilege().asRootKeepingEnvironment(List.of("/bin/sh", "-c", command));
        CommandResult result = machine().commands().run(argv, context.settings().variables().exported());
        if (!result.succeeded()) {
            throw new CommandFailedException(String.join(" ", argv), result.exitCode(), result.lastLines());
        }
        return result.stdout();
    }

    public boolean succeeds(String command) {
        return machine().commands().query(List.of("/bin/sh", "-c", command),
                context.settings().variables().exported()).succeeded();
    }

    public String query(String command) {
        return machine().commands().query(List.of("/bin/sh", "-c", command),
                context.settings().variables().exported()).stdout();
    }

    public void write_file(String path, Object content, String mode) {
        OptionalInt bits = OptionalInt.empty();
        if (mode != null) {
            int parsed = FileModes.parse(mode);
            if (parsed < 0) {
                throw new PluginAbort("write_file: mode '" + mode + "' is not an octal mode; write it like '755' or "
                        + "'0640'");
            }
            bits = OptionalInt.of(parsed);
        }
        machine().files().write(Path.of(path), String.valueOf(content).getBytes(StandardCharsets.UTF_8), bits,
                false);
    }

    public void write_file(String path, Object content) {
        write_file(path, content, null);
    }
}
