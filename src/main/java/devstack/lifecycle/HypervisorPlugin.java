package devstack.lifecycle;

import devstack.config.ConfigurationException;
import devstack.config.ServiceSet;
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
    private final Optional<CompiledPlugin> plugin;
    private final PluginRuntime runtime;
    private final ServiceSet services;

    private HypervisorPlugin(Optional<CompiledPlugin> plugin, PluginRuntime runtime, ServiceSet services) {
        this.plugin = plugin;
        this.runtime = runtime;
        this.services = services;
    }

    /** Picks the plugin of {@code driver}; fails, listing the drivers there are, when n-cpu needs a missing one. */
    static HypervisorPlugin select(String driver, PluginSet plugins, PluginRuntime runtime, ServiceSet services) {
        if (!services.isEnabled("nova")) {
            return new HypervisorPlugin(Optional.empty(), runtime, services);
        }
        Optional<CompiledPlugin> plugin = plugins.hypervisor(driver);
        if (plugin.isEmpty() && services.isEnabled("n-cpu")) {
            throw new ConfigurationException("VIRT_DRIVER=" + driver + " has no hypervisor plugin (nova_plugins/"
                    + "hypervisor-" + driver + ".groovy) and n-cpu is enabled",
                    plugins.drivers().isEmpty()
                            ? "there are no hypervisor plugins in nova_plugins/: add one, or disable_service n-cpu"
                            : "set VIRT_DRIVER to one of: " + String.join(", ", plugins.drivers())
                                    + ", or add the plugin, or disable_service n-cpu");
        }
        return new HypervisorPlugin(plugin, runtime, services);
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
        if (services.isEnabled("nova")) {
            plugin.ifPresent(p -> runtime.call(p, "cleanup_nova_hypervisor"));
        }
    }

    boolean computeEnabled() {
        return plugin.isPresent() && services.isEnabled("n-cpu");
    }

    private void callIfComputeEnabled(String function) {
        if (computeEnabled()) {
            runtime.call(plugin.get(), function);
        }
    }
}
