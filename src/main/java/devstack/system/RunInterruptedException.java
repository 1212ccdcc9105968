package devstack.system;

import devstack.DevstackException;

/**
 * A command (or a service) that was not started because the run is being interrupted (Ctrl-C, a kill): after the
 * interrupt, nothing new may change the machine. The interrupt itself is what the user is told about.
 */
public class RunInterruptedException extends DevstackException {
    /** 128 + SIGINT, as the run's own exit code after Ctrl-C. */
    public static final int INTERRUPTED = 130;

    public RunInterruptedException(String command) {
        super(INTERRUPTED, "not started, the run is being interrupted: " + command);
    }
}
