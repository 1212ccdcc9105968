package devstack.cli;

import devstack.DevstackException;
import devstack.console.Console;

/**
 * How the commands other than stack, unstack and clean (which print a failure card) report a failure: the message,
 * its hint, and the exit code the failure carries.
 */
final class CommandFailure {
    private CommandFailure() {
    }

    static int report(Console console, DevstackException e) {
        console.error(e.getMessage());
        if (e.hint() != null) {
            console.errorDetail("hint: " + e.hint());
        }
        return e.exitCode();
    }
}
