package devstack.cli;

import devstack.DevstackException;

/** The program's exit codes. */
final class ExitCodes {
    static final int OK = 0;
    /** A plugin or a system step failed. */
    static final int FAILED = DevstackException.FAILED;
    /** Bad usage, bad configuration or an invalid plugin tree. */
    static final int BAD_INPUT = DevstackException.BAD_INPUT;
    /** Ctrl-C: 128 + SIGINT, as a shell reports it. */
    static final int INTERRUPTED = devstack.system.RunInterruptedException.INTERRUPTED;

    private ExitCodes() {
    }
}
