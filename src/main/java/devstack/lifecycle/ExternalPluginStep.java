package devstack.lifecycle;

import devstack.external.ExternalPlugins;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The external plugins as a lifecycle extension whose preparation (clone, compile, order) waits until the run
 * holds its lock and has its log: two runs never clone into the same directory, and the clone's output is logged.
 * It still happens before the first phase, so a plugin that does not compile stops the run before any package is
 * installed.
 */
final class ExternalPluginStep implements LifecycleExtension {
    private final Supplier<ExternalPlugins> preparation;
    private final Prerequisites prerequisites;
    private ExternalPlugins plugins;

    ExternalPluginStep(Supplier<ExternalPlugins> preparation, Prerequisites prerequisites) {
        this.preparation = preparation;
        this.prerequisites = prerequisites;
    }

    @Override
    public void prepare() {
        plugins = preparation.get();
        plugins.packageLists().forEach(p -> prerequisites.addPlugin(p.name(), p.filesDir()));
        prerequisites.validate();
    }

    @Override
    public void overrideDefaults() {
        plugins().overrideDefaults();
    }

    /** The source phase loads each plugin's settings; every later phase runs its plugin.groovy. */
    @Override
    public void afterHooks(Phase phase, Consumer<Runnable> guard) {
        if (phase == Phase.SOURCE) {
            plugins().loadSettings(guard);
        } else {
            plugins().runPhase(phase.mode(), phase.subPhase(), guard);
        }
    }

    private ExternalPlugins plugins() {
        if (plugins == null) {
            throw new IllegalStateException("the external plugins are used before they were prepared");
        }
        return plugins;
    }
}
