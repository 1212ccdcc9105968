package devstack.lifecycle;

import devstack.check.CallCheck;
import devstack.check.IdleHooks;
import devstack.config.ConfigurationException;
import devstack.config.Settings;
import devstack.console.Console;
import devstack.console.RunLog;
import devstack.console.Strftime;
import devstack.script.ScriptContext;
import devstack.system.CommandResult;
import devstack.system.Machine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The order of things in {@code stack}, {@code unstack} and {@code clean}: the one place that says which phase
 * comes when, what the core does in it, and where the hypervisor functions and local.conf merges happen
 * (SPEC §2).
 */
public final class Lifecycle {
    private final Settings settings;
    private final Console console;
    private final PhaseRunner runner;
    private final HypervisorPlugin hypervisor;
    private final MachineState state;
    private final List<LifecycleExtension> extensions;
    private final Machine machine;
    private final Prerequisites prerequisites;
    private final ScriptContext context;
    private final RunStatus status;
    private final Clock clock;
    private final CallCheck calls;

    Lifecycle(Settings settings, Console console, PhaseRunner runner,
              HypervisorPlugin hypervisor, MachineState state, List<LifecycleExtension> extensions,
              Machine machine, Prerequisites prerequisites, ScriptContext context, RunStatus status,
              Clock clock, CallCheck calls) {
        this.settings = settings;
        this.console = console;
        this.runner = runner;
        this.hypervisor = hypervisor;
        this.state = state;
        this.extensions = extensions;
        this.machine = machine;
        this.prerequisites = prerequisites;
        this.context = context;
        this.status = status;
        this.clock = clock;
        this.calls = calls;
    }

    /** After Ctrl-C: stops the command the current step is running (the JVM is shutting down). */
    public void interrupt() {
        machine.commands().stopRunning();
    }

    /** Where the run is now: for the status line and for a report when it is interrupted. */
    public RunStatus status() {
        return status;
    }

    /**
     * stack.sh: brings the configuration up. {@code start} is when the run started (the program's start, so that
     * "completed in N seconds" counts start-up and compilation too).
     */
    public void stack(Instant start) {
        state.create();
        locked(() -> {
            openLog().ifPresent(log -> console.summary("stack.sh log " + log.file()));
            stackSteps(start);
        });
    }

    private void stackSteps(Instant start) {
        loadPlugins();
        for (Phase phase : STACK_PHASES) {
            stackPhase(phase);
        }
        console.repeatDeprecations();
        TimingTable.render(runner.phaseTimes().totals(), runner.pluginTimes().totals(), context.timers().totals(),
                Duration.between(start, clock.instant())).forEach(console::summary);
        machine.finish();
        // A hook whose services are all disabled did nothing, silently: say which, once, at the end.
        IdleHooks.line(calls.servicesTested(), settings.services()).ifPresent(console::summary);
        console.summary("stack.sh completed in " + seconds(start) + " seconds.");
    }

    /** The phases of stack after {@code source}, in order. */
    private static final List<Phase> STACK_PHASES = List.of(Phase.PRE_INSTALL, Phase.INSTALL, Phase.POST_CONFIG,
            Phase.EXTRA, Phase.TEST_CONFIG);

    /** One phase of stack: the core's step, the hooks, the extensions, and the merges at its points. */
    private void stackPhase(Phase phase) {
        switch (phase) {
            case PRE_INSTALL -> runner.phase(Phase.PRE_INSTALL, () -> prerequisites.install(console));
            case INSTALL -> runner.phase(Phase.INSTALL, () -> {
                if (hypervisor.computeEnabled()) {
                    hypervisor.install();
                    state.createParentOf("NOVA_CONF");
                    hypervisor.configure();
                }
            });
            case POST_CONFIG -> {
                runner.phase(Phase.POST_CONFIG);
                runner.merge(Phase.POST_CONFIG, "post-config");
            }
            case EXTRA -> {
                runner.phase(Phase.EXTRA, () -> {
                    hypervisor.start();
                    runner.merge(Phase.EXTRA, "extra");
                });
                runner.merge(Phase.EXTRA, "post-extra");
            }
            case TEST_CONFIG -> {
                runner.phase(Phase.TEST_CONFIG, () -> {
                    machine.processes().check(settings.path("SERVICE_DIR"),
                            service -> settings.services().isEnabled(service));
                    runLocalSh();
                });
                runner.merge(Phase.TEST_CONFIG, "test-config");
            }
            default -> throw new IllegalArgumentException(phase + " is not a phase of stack");
        }
    }

    /**
     * One phase alone, after the plugins are loaded ({@code source}), as stack would run it: for a plugin's test,
     * which runs a phase without the ones before it.
     */
    public void phase(Phase phase) {
        locked(() -> {
            loadPlugins();
            switch (phase) {
                case SOURCE -> { }
                case UNSTACK -> {
                    runner.phase(Phase.UNSTACK);
                    stopEverything();
                }
                case CLEAN -> {
                    runner.phase(Phase.CLEAN);
                    cleanUp();
                }
                default -> stackPhase(phase);
            }
            machine.finish();
        });
    }

    /** unstack.sh: stops what stack started; {@code all} also tells hooks to stop shared services. */
    public void unstack(boolean all, Instant start) {
        runner.keepGoing();
        lockedIfStacked(() -> unstackSteps(all));
        machine.finish();
        endUndo("unstack.sh", start);
    }

    /** clean.sh: unstack --all, then remove the state of the run. */
    public void clean(Instant start) {
        runner.keepGoing();
        lockedIfStacked(() -> {
            unstackSteps(true);
            runner.phase(Phase.CLEAN);
            cleanUp();
        });
        machine.finish();
        endUndo("clean.sh", start);
    }

    /**
     * The end of unstack or clean, which never stop early: every failed step was reported when it failed; the
     * last lines list them all, and the exit code is 1.
     */
    private void endUndo(String script, Instant start) {
        List<StepFailedException> failures = runner.failures();
        if (!failures.isEmpty()) {
            throw new StepsFailedException(script, failures);
        }
        console.summary(script + " completed in " + seconds(start) + " seconds.");
    }

    /** Runs {@code steps} holding the run lock of DEST. */
    private void locked(Runnable steps) {
        try (AutoCloseable lock = machine.lock(settings.path("DEST"), settings.path("SERVICE_DIR"))) {
            steps.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot release the run lock: " + e.getMessage(), e);
        }
    }

    /** {@link #locked}, unless no stack ran here: then there is nothing to contend for. */
    private void lockedIfStacked(Runnable steps) {
        if (machine.files().isDirectory(settings.path("DEST"))) {
            locked(steps);
        } else {
            steps.run();
        }
    }

    private void unstackSteps(boolean all) {
        if (all) {
            settings.variables().set("UNSTACK_ALL", "True");
        }
        loadPlugins();
        runner.phase(Phase.UNSTACK);
        stopEverything();
    }

    /** The core's part of unstack: the hypervisor's stop, then every process run_process recorded. */
    private void stopEverything() {
        runner.core(Phase.UNSTACK, hypervisor::stop);
        // Every process run_process recorded, whether or not a hook stopped it or its service is still enabled.
        runner.core(Phase.UNSTACK, () -> machine.processes().stopAll(settings.path("SERVICE_DIR")));
    }

    /** The core's part of clean: the hypervisor's cleanup, then the run's state removed. */
    private void cleanUp() {
        runner.core(Phase.CLEAN, hypervisor::cleanup);
        runner.core(Phase.CLEAN, state::remove);
    }

    /** override-defaults, the hypervisor plugin (sourced with lib/nova in DevStack), then the source phase. */
    private void loadPlugins() {
        // Outside the guarded steps, so that a plugin that does not compile keeps its exit code (2).
        extensions.forEach(LifecycleExtension::prepare);
        runner.core(Phase.SOURCE, () -> extensions.forEach(LifecycleExtension::overrideDefaults));
        // Outside the guarded steps: a VIRT_DRIVER without a plugin is bad configuration (exit 2), found before
        // any package is installed.
        hypervisor.select();
        runner.core(Phase.SOURCE, hypervisor::load);
        runner.phase(Phase.SOURCE);
        List<String> reenabled = settings.services().reenabledByAssignment();
        if (!reenabled.isEmpty()) {
            throw new ConfigurationException("ENABLED_SERVICES directly modified to overcome 'disable_service "
                    + String.join(",", reenabled) + "'", "a disabled service stays disabled: remove the "
                    + "disable_service line instead of adding the service back");
        }
    }

    /** local.sh, the user's own script, runs at the end of stack if it is executable. */
    private void runLocalSh() {
        Path localSh = settings.topDir().resolve("local.sh");
        if (!Files.isRegularFile(localSh) || !Files.isExecutable(localSh)) {
            return;
        }
        console.summary("Running user script " + localSh);
        CommandResult result = machine.commands().effect(List.of(localSh.toString()),
                settings.variables().exported());
        if (!result.succeeded()) {
            throw new devstack.system.CommandFailedException(localSh.toString(), result.exitCode(),
                    result.lastLines());
        }
    }

    private Optional<RunLog> openLog() {
        ZonedDateTime now = ZonedDateTime.now(clock);
        String suffix = Strftime.format(settings.get("TIMESTAMP_FORMAT"), now);
        Optional<RunLog> log = machine.openLog(settings.path("LOGFILE"), suffix, logDays(), clock);
        log.ifPresent(console::useLog);
        return log;
    }

    private int logDays() {
        try {
            return Integer.parseInt(settings.get("LOGDAYS").trim());
        } catch (NumberFormatException e) {
            throw new ConfigurationException("LOGDAYS=" + settings.get("LOGDAYS") + " is not a number of days",
                    "set LOGDAYS to a whole number, e.g. LOGDAYS=7");
        }
    }

    private String seconds(Instant start) {
        Duration elapsed = Duration.between(start, clock.instant());
        return String.format(Locale.ROOT, "%.1f", elapsed.toMillis() / 1000.0);
    }

}
