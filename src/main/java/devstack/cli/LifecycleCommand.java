package devstack.cli;

import devstack.DevstackException;
import devstack.console.Console;
import devstack.console.StatusLine;
import devstack.lifecycle.Host;
import devstack.plugin.ClassCache;
import devstack.lifecycle.Lifecycle;
import devstack.lifecycle.FailureCard;
import devstack.lifecycle.StepFailedException;
import devstack.lifecycle.StepsFailedException;
import devstack.plan.DryRunReport;
import devstack.plan.Plan;
import devstack.plan.PlanJson;
import devstack.plan.RealWorld;
import devstack.plan.SimulatedMachine;
import devstack.system.CommandFailedException;
import devstack.system.Machine;
import devstack.system.RealMachine;
import devstack.system.RunInterruptedException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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
            + "would make (file changes as diffs, once per file and phase), then a summary, and change nothing.")
    private boolean dryRun;

    @Option(names = "--plan-format", paramLabel = "FORMAT", defaultValue = "text",
            description = "With --dry-run: text (default), or json to write the plan as JSON on stdout (everything "
                    + "else goes to stderr).")
    private PlanFormat planFormat;

    /** How a dry run's plan is written. */
    enum PlanFormat { text, json }

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
        if (planFormat == PlanFormat.json && !dryRun) {
            throw new ParameterException(spec.commandLine(), "--plan-format json needs --dry-run");
        }
        boolean json = planFormat == PlanFormat.json;
        Console console = new Console(json ? err : out, err);
        GroovyWarmUp.start();
        Plan plan = null;
        Machine machine;
        if (dryRun) {
            DryRunReport report = new DryRunReport(console);
            plan = new Plan(report);
            Plan planned = plan;
            machine = new SimulatedMachine(new RealWorld(RealMachine.of(console), console), plan,
                    () -> report.summary(planned));
        } else {
            machine = RealMachine.of(console);
        }
        try (machine) {
            return run(console, machine, out, err);
        } finally {
            if (json && plan != null) {
                out.print(PlanJson.of(plan, spec.name(), lastRunCompleted, console::masked));
                out.flush();
            }
        }
    }

    /** Whether the last run got to its end (the JSON plan says so). */
    private boolean lastRunCompleted;

    /**
     * How long a run whose command died of SIGINT or SIGTERM waits for the program's own signal before it reports
     * the failure. Ctrl-C on a terminal reaches the command and this program at once, and the command's death may
     * be seen first: the wait lets the interrupt make the one report. Only a safety net: the signal normally
     * arrives within milliseconds, and only a command killed by a signal from elsewhere waits this long.
     */
    private static final Duration SIGNAL_GRACE = Duration.ofSeconds(5);

    private Integer run(Console console, Machine machine, PrintWriter out, PrintWriter err) {
        EndOfRun end = new EndOfRun();
        Thread interruptReport = null;
        lastRunCompleted = false;
        try {
            Lifecycle lifecycle = Host.prepare(topDir.resolve(), parent.environment(), console, machine,
                    new Host.Options(clonesPlugins(), ClassCache.forUser(parent.environment(), console::detail)));
            interruptReport = new Thread(() -> reportInterrupt(console, lifecycle, end), "interrupt-report");
            Runtime.getRuntime().addShutdownHook(interruptReport);
            if (parent.terminal().allowsStatusLine()) {
                console.useStatusLine(new StatusLine(out, () -> console.masked(lifecycle.status().describe())));
            }
            run(lifecycle, parent.started());
            lastRunCompleted = true;
            return end.claim() ? ExitCodes.OK : ExitCodes.INTERRUPTED;
        } catch (DevstackException e) {
            console.endStatusLine();
            if (endedByInterrupt(e, end)) {
                // The interrupt made the report; this failure is its echo (the command it stopped, a command
                // refused after it): in the log only.
                console.logOnly("after the interrupt: " + e.getMessage());
                return ExitCodes.INTERRUPTED;
            }
            console.reporting();
            report(console, e);
            return e.exitCode();
        } catch (RuntimeException e) {
            console.endStatusLine();
            if (!end.claim()) {
                return ExitCodes.INTERRUPTED;
            }
            console.reporting();
            reportInternalError(console, e);
            return ExitCodes.FAILED;
        } finally {
            console.endStatusLine();
            removeHook(interruptReport);
        }
    }

    /**
     * Whether the interrupt reports the end of the run rather than this failure: it claimed the report first, or
     * (for a command that died of SIGHUP, SIGINT, SIGQUIT or SIGTERM, as every command does on Ctrl-C) it does so
     * within {@link #SIGNAL_GRACE}.
     */
    private static boolean endedByInterrupt(DevstackException e, EndOfRun end) {
        if (diedOfSignal(e)) {
            end.awaitInterrupt(SIGNAL_GRACE);
        }
        return !end.claim();
    }

    private static boolean diedOfSignal(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RunInterruptedException) {
                return true;
            }
            if (cause instanceof CommandFailedException failed) {
                int code = failed.commandExitCode();
                return code == 128 + 1 || code == 128 + 2 || code == 128 + 3 || code == 128 + 15;
            }
        }
        return false;
    }

    /**
     * Ctrl-C (or a kill) ends the JVM mid-step: say where the run stopped and how to undo it. The command that was
     * running is stopped, no command starts after it, and the report is the last thing on the terminal. Files are
     * written atomically; started processes have pid files that unstack reads.
     */
    private void reportInterrupt(Console console, Lifecycle lifecycle, EndOfRun end) {
        // Claimed before the commands are stopped, so that the run, seeing its command die, stays silent.
        boolean mine = end.claimForInterrupt();
        lifecycle.interrupt();
        if (!mine) {
            return;
        }
        console.lastWords(c -> {
            c.error(scriptName() + " interrupted during " + lifecycle.status().where());
            c.errorDetail("hint: what it started keeps running; ./unstack.sh stops it, ./clean.sh removes its state");
            if (c.log() != null) {
                c.errorDetail("full log in " + c.log().file());
            }
        });
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
        FailureCard.print(console, e, debug);
        if (console.log() != null) {
            console.errorDetail(scriptName() + " failed: " + (console.logFailure().isPresent()
                    ? "the log " + console.log().file() + " is incomplete: it could not be written to the end"
                    : "full log in " + console.log().file()));
        } else if (e instanceof StepFailedException || e instanceof StepsFailedException) {
            console.errorDetail(scriptName() + " failed");
        }
    }

    /**
     * A bug in the host itself: said plainly, with the trace a bug report needs, as {@link InternalErrorHandler}
     * does, but through the console, so that the trace is masked and in the log too.
     */
    private void reportInternalError(Console console, RuntimeException e) {
        console.error("internal error in the devstack host: " + e);
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        console.errorDetail(trace.toString().stripTrailing());
    }
}
