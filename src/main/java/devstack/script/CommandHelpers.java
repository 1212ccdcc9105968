package devstack.script;

import java.util.List;

/** Running libraries and commands: source, sh, sudo. */
public abstract class CommandHelpers extends ServiceHelpers {
    /** source: runs a library so that its functions become callable. Usage: {@code source "$TOP_DIR/lib/template"} */
    public void source(String path) {
        hostRuntime().source(path);
    }

    /** sh: runs a shell command, logs its output, returns its stdout, fails the run on a non-zero exit. */
    public String sh(String command) {
        return hostContext().commands().sh(command);
    }

    /** sudo: {@link #sh} as root (through sudo unless the run already is root). Usage: {@code sudo 'mkdir -p /x'} */
    public String sudo(String command) {
        return hostContext().commands().checked(hostContext().privilege().asRoot(List.of("/bin/sh", "-c", command)));
    }
}
