package devstack.cli;

import devstack.DevstackException;
import devstack.console.Console;
import devstack.lifecycle.Host;
import devstack.lifecycle.Lifecycle;
import devstack.lifecycle.StepFailedException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What stack, unstack and clean share: prepare the run, run it, and turn a failure into one clear report and an
 * exit code. A failure is reported as what failed (phase, plugin file and line, the command and its last output
 * lines) and where the full log is; a stack trace only with {@code --debug}.
 */
abstract class LifecycleCommand implements Callable<Integer> {
    @Mixin
    private TopDirOption topDir;

    @Option(names = "--debug", description = "Print the stack trace of a failure.")
    private boolean debug;

    @ParentCommand
    private DevstackCommand parent;

    @Spec
    private CommandSpec spec;

    /** The script name DevStack users know this command by, e.g. {@code stack.sh}. */
    abstract String scriptName();

    abstract void run(Lifecycle lifecycle);

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Console console = new Console(out, err);
        try {
            run(Host.prepare(topDir.resolve(), parent.environment(), console));
            return ExitCodes.OK;
        } catch (DevstackException e) {
            report(console, e);
            return e.exitCode();
        }
    }

    private void report(Console console, DevstackException e) {
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
        if (console.log() != null) {
            console.errorDetail(scriptName() + " failed: full log in " + console.log().file());
        } else if (e instanceof StepFailedException) {
            console.errorDetail(scriptName() + " failed");
        }
    }
}
