package devstack.lifecycle;

import devstack.config.ConfigurationException;
import devstack.config.Settings;
import devstack.config.Variables;
import devstack.console.Console;
import devstack.console.RunLog;
import devstack.console.Strftime;
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
    private final Clock clock;

    Lifecycle(Settings settings, Console console, PhaseRunner runner,
              HypervisorPlugin hypervisor, MachineState machine, List<LifecycleExtension> extensions,
              CommandRunner commands, Prerequisites prerequisites, Clock clock) {
        this.settings = settings;
        this.console = console;
        this.runner = runner;
        this.hypervisor = hypervisor;
        this.machine = machine;
        this.extensions = extensions;
        this.commands = commands;
        this.prerequisites = prerequisites;
        this.clock = clock;
    }

    /** stack.sh: brings the configuration up. */
    public void stack() {
        Instant start = clock.instant();
        machine.create();
        RunLog log = openLog();
        console.summary("stack.sh log " + log.file());
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
        runner.phase(Phase.TEST_CONFIG, this::runLocalSh);
        runner.merge(Phase.TEST_CONFIG, "test-config");
        console.repeatDeprecations();
        console.summary("stack.sh completed in " + seconds(start) + " seconds.");
    }

    /** unstack.sh: stops what stack started; {@code all} also tells hooks to stop shared services. */
    public void unstack(boolean all) {
        Instant start = clock.instant();
        unstackSteps(all);
        console.summary("unstack.sh completed in " + seconds(start) + " seconds.");
    }

    /** clean.sh: unstack --all, then remove the state of the run. */
    public void clean() {
        Instant start = clock.instant();
        unstackSteps(true);
        runner.phase(Phase.CLEAN);
        runner.core(Phase.CLEAN, () -> {
            hypervisor.cleanup();
            machine.remove();
        });
        console.summary("clean.sh completed in " + seconds(start) + " seconds.");
    }

    private void unstackSteps(boolean all) {
        if (all) {
            settings.variables().set("UNSTACK_ALL", "True");
        }
        loadPlugins();
        runner.phase(Phase.UNSTACK);
        runner.core(Phase.UNSTACK, hypervisor::stop);
    }

    /** override-defaults, the hypervisor plugin (sourced with lib/nova in DevStack), then the source phase. */
    private void loadPlugins() {
        runner.core(Phase.SOURCE, () -> {
            extensions.forEach(LifecycleExtension::overrideDefaults);
            hypervisor.load();
        });
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
        CommandRunner.Result result = commands.run(List.of(localSh.toString()), exportedSettings());
        if (!result.succeeded()) {
            throw new devstack.system.CommandFailedException(localSh.toString(), result.exitCode(),
                    result.lastLines());
        }
    }

    /** The settings a child script sees in its environment: every string-valued shell-style variable. */
    private Map<String, String> exportedSettings() {
        Map<String, String> environment = new HashMap<>();
        settings.variables().asMap().forEach((name, value) -> {
            if (value instanceof CharSequence && Variables.isShellStyleName(name)) {
                environment.put(name, value.toString());
            }
        });
        return environment;
    }

    private RunLog openLog() {
        ZonedDateTime now = ZonedDateTime.now(clock);
        String suffix = Strftime.format(settings.get("TIMESTAMP_FORMAT"), now);
        RunLog log = RunLog.open(settings.path("LOGFILE"), suffix, clock);
        console.useLog(log);
        return log;
    }

    private String seconds(Instant start) {
        Duration elapsed = Duration.between(start, clock.instant());
        return String.format(Locale.ROOT, "%.1f", elapsed.toMillis() / 1000.0);
    }

}
