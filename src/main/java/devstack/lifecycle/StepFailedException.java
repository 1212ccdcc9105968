package devstack.lifecycle;

import devstack.DevstackException;
import devstack.plugin.Location;
import devstack.system.CommandFailedException;
import java.util.List;
import java.util.Optional;

/** A failure during a phase: where (phase, plugin file and line) and what (the cause's message). */
public class StepFailedException extends DevstackException {
    private final Phase phase;
    private final Location location;

    public StepFailedException(Phase phase, Location location, Throwable cause) {
        super(cause instanceof DevstackException d ? d.exitCode() : FAILED, describe(phase, location, cause),
                cause instanceof DevstackException d ? d.hint() : hintFor(cause), cause);
        this.phase = phase;
        this.location = location;
    }

    public Phase phase() {
        return phase;
    }

    public Optional<Location> location() {
        return Optional.ofNullable(location);
    }

    /** The last output lines of the failed command, if a command failed. */
    public List<String> commandOutput() {
        return getCause() instanceof CommandFailedException c ? c.lastLines() : List.of();
    }

    private static String describe(Phase phase, Location location, Throwable cause) {
        String where = location == null ? "" : " in " + location;
        return phase + where + ": " + what(cause);
    }

    /** The cause in words; a JVM error by its name, since its message alone (a class name, a size) says little. */
    private static String what(Throwable cause) {
        String message = cause.getMessage();
        if (cause instanceof StackOverflowError) {
            return "stack overflow (StackOverflowError)";
        }
        if (cause instanceof Error && !(cause instanceof AssertionError)) {
            return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        }
        return message == null ? cause.getClass().getSimpleName() : message;
    }

    private static String hintFor(Throwable cause) {
        if (cause instanceof StackOverflowError) {
            return "a function calls itself, directly or through others, without end (or nests too deep): "
                    + "see the line named above";
        }
        if (cause instanceof OutOfMemoryError) {
            return "the plugin keeps more in memory than the JVM may use: keep less, or give the JVM more "
                    + "(JAVA_TOOL_OPTIONS=-Xmx2g ./stack.sh)";
        }
        return null;
    }
}
