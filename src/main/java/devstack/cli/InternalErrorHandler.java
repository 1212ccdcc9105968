package devstack.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** A bug in the host itself: say so plainly, with the trace that a bug report needs. */
final class InternalErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        commandLine.getErr().println("[ERROR] internal error in the devstack host: " + e);
        e.printStackTrace(commandLine.getErr());
        commandLine.getErr().flush();
        return ExitCodes.FAILED;
    }
}
