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
                cause instanceof DevstackException d ? d.hint() : null, cause);
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
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return phase + where + ": " + message;
    }
}
