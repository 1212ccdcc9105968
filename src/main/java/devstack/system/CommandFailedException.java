package devstack.system;

import devstack.DevstackException;
import java.util.List;

/** A command that exited non-zero (or could not start): names the command, its exit code and its last lines. */
public class CommandFailedException extends DevstackException {
    private final String command;
    private final int exitCode;
    private final List<String> lastLines;

    public CommandFailedException(String command, int exitCode, List<String> lastLines) {
        super(FAILED, "command failed with exit code " + exitCode + ": " + command);
        this.command = command;
        this.exitCode = exitCode;
        this.lastLines = List.copyOf(lastLines);
    }

    public String command() {
        return command;
    }

    public int commandExitCode() {
        return exitCode;
    }

    public List<String> lastLines() {
        return lastLines;
    }
}
