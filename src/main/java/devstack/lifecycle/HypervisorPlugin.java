package devstack.lifecycle;

import devstack.config.ConfigurationException;
import devstack.config.ServiceSet;
import devstack.config.Settings;
import devstack.plugin.CompiledPlugin;
import devstack.plugin.PluginSet;
import devstack.script.PluginRuntime;
import java.util.Optional;

/**
 * The hypervisor plugin for {@code VIRT_DRIVER} and the conditions under which the core calls its functions:
 * loaded when any nova service is enabled; install, configure, start and stop when {@code n-cpu} is enabled;
 * cleanup when any nova service is. Unlike DevStack, start is called for every driver and a missing plugin
 * while {@code n-cpu} is enabled is an error.
 */
final class HypervisorPlugin {
    private final PluginSet plugins;
    private final PluginRuntime runtime;
    private final Settings settings;
    /** Chosen by {@link #select()}, once the external plugins' override-defaults have run. */
    private Optional<CompiledPlugin> plugin = Optional.empty();

    HypervisorPlugin(PluginSet plugins, PluginRuntime runtime, Settings settings) {
        this.plugins = plugins;
        this.runtime = runtime;
        this.settings = settings;
    }

    /**
     * Picks the plugin of VIRT_DRIVER as it is now (after override-defaults, before the source phase, where
     * DevStack sources lib/nova); fails, listing the drivers there are, when n-cpu needs a missing one.
     */
    void select() {
        String driver = settings.get("VIRT_DRIVER");
        ServiceSet services = settings.services();
        if (!services.isEnabled("nova")) {
            plugin = Optional.empty();
            return;
        }
        plugin = plugins.hypervisor(driver);
        if (plugin.isEmpty() && services.isEnabled("n-cpu")) {
            throw new ConfigurationException("VIRT_DRIVER=" + driver + " has no hypervisor plugin (nova_plugins/"
                    + "hypervisor-" + driver + ".groovy) and n-cpu is enabled",
                    plugins.drivers().isEmpty()
                            ? "there are no hypervisor plugins in nova_plugins/: add one, or disable_service n-cpu"
                            : "set VIRT_DRIVER to one of: " + String.join(", ", plugins.drivers())
                                    + ", or add the plugin, or disable_service n-cpu");
        }
    }

    /** Runs the plugin file's body once, as sourcing lib/nova does, so its functions and defaults exist. */
    void load() {
        plugin.ifPresent(p -> runtime.run(p, "", ""));
    }

    void install() {
        callIfComputeEnabled("install_nova_hypervisor");
    }

    void configure() {
        callIfComputeEnabled("configure_nova_hypervisor");
    }

    void start() {
        callIfComputeEnabled("start_nova_hypervisor");
    }

    void stop() {
        callIfComputeEnabled("stop_nova_hypervisor");
    }

    void cleanup() {
        if (settings.services().isEnabled("nova")) {
            plugin.ifPresent(p -> runtime.call(p, "cleanup_nova_hypervisor"));
        }
    }

    boolean computeEnabled() {
        return plugin.isPresent() && settings.services().isEnabled("n-cpu");
    }

    private void callIfComputeEnabled(String function) {
        if (computeEnabled()) {
            runtime.call(plugin.get(), function);
        }
    }
}
