package devstack.lifecycle;

import devstack.config.ConfigurationException;
import devstack.config.Settings;
import devstack.config.Variables;
import devstack.console.Console;
import devstack.console.RunLog;
import devstack.console.Strftime;
import devstack.script.ScriptContext;
import devstack.system.CommandRunner;
import devstack.system.Privilege;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
    private final MachineState machine;
    private final List<LifecycleExtension> extensions;
    private final CommandRunner commands;
    private final Prerequisites prerequisites;
    private final ScriptContext context;
    private final RunStatus status;
    private final Clock clock;
    private final boolean dryRun;

    Lifecycle(Settings settings, Console console, PhaseRunner runner,
              HypervisorPlugin hypervisor, MachineState machine, List<LifecycleExtension> extensions,
              CommandRunner commands, Prerequisites prerequisites, ScriptContext context, RunStatus status,
              Clock clock, boolean dryRun) {
        this.settings = settings;
        this.console = console;
        this.runner = runner;
        this.hypervisor = hypervisor;
        this.machine = machine;
        this.extensions = extensions;
        this.commands = commands;
        this.prerequisites = prerequisites;
        this.context = context;
        this.status = status;
        this.clock = clock;
        this.dryRun = dryRun;
    }

    /** After Ctrl-C: stops the command the current step is running (the JVM is shutting down). */
    public void interrupt() {
        commands.stopRunning();
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
        machine.create();
        if (dryRun) {
            // Nothing is written, so there is no log file and no lock to take.
            stackSteps(start);
            return;
        }
        try (RunLock lock = RunLock.acquire(settings.path("DEST"))) {
            RunLog log = openLog();
            console.summary("stack.sh log " + log.file());
            stackSteps(start);
        }
    }

    private void stackSteps(Instant start) {
        loadPlugins();
        runner.phase(Phase.PRE_INSTALL, () -> prerequisites.install(console));
        runner.phase(Phase.INSTALL, () -> {
            if (hypervisor.computeEnabled()) {
                hypervisor.install();
                machine.createParentOf("NOVA_CONF");
                hypervisor.configure();
            }
        });
        runner.phase(Phase.POST_CONFIG);
        runner.merge(Phase.POST_CONFIG, "post-config");
        runner.phase(Phase.EXTRA, () -> {
            hypervisor.start();
            runner.merge(Phase.EXTRA, "extra");
        });
        runner.merge(Phase.EXTRA, "post-extra");
        runner.phase(Phase.TEST_CONFIG, () -> {
            context.processes().check(service -> settings.services().isEnabled(service));
            runLocalSh();
        });
        runner.merge(Phase.TEST_CONFIG, "test-config");
        console.repeatDeprecations();
        TimingTable.render(runner.phaseTimes().totals(), runner.pluginTimes().totals(), context.timers().totals(),
                Duration.between(start, clock.instant())).forEach(console::summary);
        console.summary("stack.sh " + completed() + " in " + seconds(start) + " seconds.");
    }

    /** unstack.sh: stops what stack started; {@code all} also tells hooks to stop shared services. */
    public void unstack(boolean all, Instant start) {
        locked(() -> unstackSteps(all));
        console.summary("unstack.sh " + completed() + " in " + seconds(start) + " seconds.");
    }

    /** clean.sh: unstack --all, then remove the state of the run. */
    public void clean(Instant start) {
        locked(() -> {
            unstackSteps(true);
            runner.phase(Phase.CLEAN);
            runner.core(Phase.CLEAN, () -> {
                hypervisor.cleanup();
                machine.remove();
            });
        });
        console.summary("clean.sh " + completed() + " in " + seconds(start) + " seconds.");
    }

    private String completed() {
        return dryRun ? "dry run completed (nothing was changed)" : "completed";
    }

    /** Runs {@code steps} holding the run lock of DEST; nothing to contend for when no stack ran here. */
    private void locked(Runnable steps) {
        Path dest = settings.path("DEST");
        try (RunLock lock = Files.isDirectory(dest) && !dryRun ? RunLock.acquire(dest) : null) {
            steps.run();
        }
    }

    private void unstackSteps(boolean all) {
        if (all) {
            settings.variables().set("UNSTACK_ALL", "True");
        }
        loadPlugins();
        runner.phase(Phase.UNSTACK);
        runner.core(Phase.UNSTACK, () -> {
            hypervisor.stop();
            // Every process run_process recorded, whether or not a hook stopped it or its service is still enabled.
            context.processes().stopAll();
        });
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
        CommandRunner.Result result = commands.run(List.of(localSh.toString()), settings.variables().exported());
        if (!result.succeeded()) {
            throw new devstack.system.CommandFailedException(localSh.toString(), result.exitCode(),
                    result.lastLines());
        }
    }

    private RunLog openLog() {
        ZonedDateTime now = ZonedDateTime.now(clock);
        String suffix = Strftime.format(settings.get("TIMESTAMP_FORMAT"), now);
        Path logfile = settings.path("LOGFILE");
        RunLog.prune(logfile, logDays(), clock);
        RunLog log = RunLog.open(logfile, suffix, clock);
        console.useLog(log);
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
