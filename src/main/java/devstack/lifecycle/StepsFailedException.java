package devstack.lifecycle;

import devstack.DevstackException;
import java.util.List;

/**
 * The end of an unstack or clean in which steps failed: each was reported when it failed and the run went on, as
 * DevStack's unstack.sh and clean.sh run without errexit; this lists them all, and the exit code is 1.
 */
public class StepsFailedException extends DevstackException {
    private final List<StepFailedException> failures;

    StepsFailedException(String script, List<StepFailedException> failures) {
        super(FAILED, script + ": " + failures.size() + (failures.size() == 1 ? " step" : " steps")
                        + " failed, the others ran:\n" + String.join("\n", failures.stream()
                        .map(f -> "    " + f.getMessage().lines().findFirst().orElse("")).toList()),
                "fix the causes above and run " + script + " again: what already stopped stays stopped");
        this.failures = List.copyOf(failures);
    }

    public List<StepFailedException> failures() {
        return failures;
    }
}
