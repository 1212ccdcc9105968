package devstack.system;

import devstack.DevstackException;
import java.util.List;

/**
 * A service process that could not be started, died, or could not be recorded or stopped. The message's first
 * line says what happened; the lines after it (indented) name each process and show the last lines of its log.
 */
public class ProcessFailedException extends DevstackException {
    private final List<String> details;

    public ProcessFailedException(String message, List<String> details, String hint) {
        super(FAILED, details.isEmpty() ? message : message + "\n" + String.join("\n", details), hint);
        this.details = List.copyOf(details);
    }

    public ProcessFailedException(String message, String hint) {
        this(message, List.of(), hint);
    }

    /** The lines after the first: each process and the last lines of its log. */
    public List<String> details() {
        return details;
    }
}
