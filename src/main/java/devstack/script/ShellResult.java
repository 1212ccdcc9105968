package devstack.script;

/**
 * What {@code try_sh} and {@code try_sudo} return: the command's exit code (bash's {@code $?}) and its standard
 * output without trailing newlines (bash's {@code $(…)}). It is true in a Groovy condition when the command
 * succeeded, so {@code if (!try_sh('modprobe kvm')) { … }} reads as bash's {@code if ! modprobe kvm; then}.
 */
public final class ShellResult {
    private final int exitCode;
    private final String output;

    public ShellResult(int exitCode, String output) {
        this.exitCode = exitCode;
        this.output = output;
    }

    /** The exit code: 0 when the command succeeded. */
    public int getExitCode() {
        return exitCode;
    }

    /** The standard output, trailing newlines removed. */
    public String getOutput() {
        return output;
    }

    public boolean isSucceeded() {
        return exitCode == 0;
    }

    public boolean isFailed() {
        return exitCode != 0;
    }

    /** Groovy truth: the command succeeded. */
    public boolean asBoolean() {
        return isSucceeded();
    }

    @Override
    public String toString() {
        return "exit code " + exitCode + (output.isEmpty() ? "" : ": " + output);
    }
}
