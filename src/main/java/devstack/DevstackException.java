package devstack;

/**
 * An error the host reports to the user as one clear message, with the exit code it maps to.
 * Subclasses say what went wrong; the CLI prints the message (and the hint, if any) without a stack trace.
 */
public class DevstackException extends RuntimeException {
    /** A plugin or a system step failed. */
    public static final int FAILED = 1;
    /** Bad usage, bad configuration or an invalid plugin tree: nothing was run. */
    public static final int BAD_INPUT = 2;

    private final int exitCode;
    private final String hint;

    public DevstackException(int exitCode, String message, String hint, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.hint = hint;
    }

    public DevstackException(int exitCode, String message, String hint) {
        this(exitCode, message, hint, null);
    }

    public DevstackException(int exitCode, String message) {
        this(exitCode, message, null, null);
    }

    public int exitCode() {
        return exitCode;
    }

    /** What the user can do about it, or null. */
    public String hint() {
        return hint;
    }
}
