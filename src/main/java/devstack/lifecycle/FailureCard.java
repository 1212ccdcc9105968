package devstack.lifecycle;

import devstack.DevstackException;
import devstack.console.Console;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * How a failure is shown: what failed (phase, plugin file and line, the message), the failed command's last output
 * lines, a hint when there is one; the stack trace goes to the log, and to the console only with {@code --debug}.
 */
public final class FailureCard {
    private FailureCard() {
    }

    public static void print(Console console, DevstackException e, boolean debug) {
        console.error(e.getMessage());
        if (e instanceof StepFailedException step) {
            step.commandOutput().forEach(line -> console.errorDetail("    " + line));
        }
        if (e.hint() != null) {
            console.errorDetail("hint: " + e.hint());
        }
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        console.logOnly(trace.toString());
        if (debug) {
            console.errorDetail(trace.toString());
        }
    }
}
