package devstack.system;

import java.util.List;

/**
 * The outcome of a command that ran to the end: its exit code, its standard output (trailing newlines removed) and
 * its last output lines (stdout and stderr, in the order they came), for failure reports.
 */
public record CommandResult(int exitCode, String stdout, List<String> lastLines) {
    public CommandResult {
        lastLines = List.copyOf(lastLines);
    }

    /** A command that succeeded and printed {@code stdout}. */
    public static CommandResult success(String stdout) {
        return new CommandResult(0, stdout, stdout.isEmpty() ? List.of() : stdout.lines().toList());
    }

    public boolean succeeded() {
        return exitCode == 0;
    }
}
