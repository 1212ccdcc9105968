package devstack.console;

import devstack.DevstackException;

/** The run's log cannot be opened or kept: a setting (LOGFILE, LOGDIR, TIMESTAMP_FORMAT) is wrong. Exit 2. */
public class LogException extends DevstackException {
    public LogException(String message, String hint) {
        super(BAD_INPUT, message, hint);
    }
}
