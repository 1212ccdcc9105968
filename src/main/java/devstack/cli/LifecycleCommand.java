package devstack.cli;

import devstack.DevstackException;
import devstack.console.Console;
import devstack.console.StatusLine;
import devstack.lifecycle.Host;
import devstack.lifecycle.Lifecycle;
import devstack.lifecycle.StepFailedException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
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

    @Option(names = "--dry-run", description = "Print every package, command, process and file change the run "
            + "would make (file changes as diffs), and change nothing.")
    private boolean dryRun;

    @ParentCommand
    private DevstackCommand parent;

    @Spec
    private CommandSpec spec;

    /** The script name DevStack users know this command by, e.g. {@code stack.sh}. */
    abstract String scriptName();

    /** Runs the command; {@code started} is when the run started, for its "completed in N seconds" line. */
    abstract void run(Lifecycle lifecycle, Instant started);

    /** Whether this command clones the external plugins before it runs: only stack does, as in DevStack. */
    boolean clonesPlugins() {
        return false;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Console console = new Console(out, err);
        GroovyWarmUp.start();
        Thread interruptReport = null;
        try {
            Lifecycle lifecycle = Host.prepare(topDir.resolve(), parent.environment(), console,
                    new Host.Options(clonesPlugins(), dryRun));
            interruptReport = new Thread(() -> reportInterrupt(console, lifecycle), "interrupt-report");
            Runtime.getRuntime().addShutdownHook(interruptReport);
            if (System.console() != null && parent.terminal().allowsEscapes()) {
                console.useStatusLine(new StatusLine(out, lifecycle.status()::describe));
            }
            run(lifecycle, parent.started());
            return ExitCodes.OK;
        } catch (DevstackException e) {
            console.endStatusLine();
            report(console, e);
            return e.exitCode();
        } finally {
            console.endStatusLine();
            removeHook(interruptReport);
        }
    }

    /**
     * Ctrl-C (or a kill) ends the JVM mid-step: say where the run stopped and how to undo it. The command that was
     * running got the same signal; files are written atomically; started processes have pid files that unstack
     * reads.
     */
    private void reportInterrupt(Console console, Lifecycle lifecycle) {
        lifecycle.interrupt();
        console.endStatusLine();
        console.error(scriptName() + " interrupted during " + lifecycle.status().where());
        console.errorDetail("hint: what it started keeps running; ./unstack.sh stops it, ./clean.sh removes its state");
        if (console.log() != null) {
            console.errorDetail("full log in " + console.log().file());
        }
    }

    private static void removeHook(Thread hook) {
        if (hook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook is running or has run, which is what it is for.
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
