package devstack.lifecycle;

import devstack.console.Console;
import devstack.plugin.CompiledPlugin;
import devstack.plugin.PluginSet;
import devstack.system.Machine;
import devstack.script.PluginRuntime;
import devstack.console.Timers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The mechanics of one phase: the core's step, then every hook in order with {@code $1}/{@code $2}, then the
 * extensions. The first exception stops the run as a {@link StepFailedException} naming the phase and the
 * plugin file and line it came from.
 */
final class PhaseRunner {
    private final PluginSet plugins;
    private final PluginRuntime runtime;
    private final Console console;
    private final List<LifecycleExtension> extensions;
    private final RunStatus status;
    private final Clock clock;
    private final Machine machine;
    /** Time spent per phase, for the timing table at the end of stack (the runtime times each plugin). */
    private final Timers phaseTimes;
    /** unstack and clean go on after a failed step, as DevStack's run without errexit; stack stops at the first. */
    private boolean keepGoing;
    private final List<StepFailedException> failures = new ArrayList<>();

    PhaseRunner(PluginSet plugins, PluginRuntime runtime, Console console, List<LifecycleExtension> extensions,
                RunStatus status, Clock clock, Machine machine) {
        this.plugins = plugins;
        this.runtime = runtime;
        this.console = console;
        this.extensions = extensions;
        this.status = status;
        this.clock = clock;
        this.machine = machine;
        this.phaseTimes = new Timers(clock);
    }

    /** Runs a phase: the core step, the hooks, the extensions. */
    void phase(Phase phase, Runnable coreStep) {
        Instant start = clock.instant();
        status.enter(phase);
        machine.enterPhase(phase.toString());
        console.detail("phase " + phase);
        core(phase, coreStep);
        for (CompiledPlugin hook : plugins.hooks()) {
            String name = hook.source().displayName();
            status.running(name);
            console.detail("hook " + name + " " + phase);
            guarded(phase, () -> runtime.run(hook, phase.mode(), phase.subPhase()));
        }
        status.running("");
        for (LifecycleExtension extension : extensions) {
            guarded(phase, () -> extension.afterHooks(phase, step -> guarded(phase, step)));
        }
        phaseTimes.add(phase.toString(), Duration.between(start, clock.instant()));
    }

    /** From now on a failed step is reported and the run goes on (unstack, clean). */
    void keepGoing() {
        keepGoing = true;
    }

    /** The steps that failed while going on, in order. */
    List<StepFailedException> failures() {
        return List.copyOf(failures);
    }

    Timers phaseTimes() {
        return phaseTimes;
    }

    Timers pluginTimes() {
        return runtime.pluginTimes();
    }

    void phase(Phase phase) {
        phase(phase, () -> { });
    }

    /** Runs a step of the core (which may call plugin functions) on behalf of a phase. */
    void core(Phase phase, Runnable step) {
        guarded(phase, step);
    }

    /** Merges the local.conf meta-sections of {@code group}. */
    void merge(Phase phase, String group) {
        guarded(phase, () -> extensions.forEach(e -> e.mergeConfig(group)));
    }

    private void guarded(Phase phase, Runnable step) {
        StepFailedException failure;
        try {
            step.run();
            return;
        } catch (StepFailedException e) {
            failure = e;
        } catch (Throwable e) {
            // Any Throwable a plugin raises (StackOverflowError, an assert's AssertionError, a checked exception
            // Groovy lets through) gets the same report as any other failure, never a raw JVM trace.
            failure = new StepFailedException(phase, runtime.locate(e).orElse(null), e);
        }
        if (!keepGoing || failures.contains(failure)) {
            throw failure;
        }
        failures.add(failure);
        FailureCard.print(console, failure, false);
    }
}
