package devstack.console;

import devstack.DevstackException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A line of the run's log could not be written (a full disk, a quota, an I/O error): the run stops (exit 1) rather
 * than go on without a record of what it does.
 */
public class LogWriteException extends DevstackException {
    private final Path file;

    public LogWriteException(Path file, IOException cause) {
        super(FAILED, "cannot write the log file " + file + ": " + reason(cause),
                "free space on the file system that holds " + file.getParent() + ", or set LOGDIR elsewhere; the run "
                        + "stops where it can no longer keep its log", cause);
        this.file = file;
    }

    /** The same failure, raised again in the thread that reports it, so that it names where that thread was. */
    LogWriteException(LogWriteException first) {
        super(FAILED, first.getMessage(), first.hint(), first.getCause());
        this.file = first.file;
    }

    public Path file() {
        return file;
    }

    private static String reason(IOException cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
