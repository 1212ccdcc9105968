package devstack.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every plugin of a tree, compiled and validated before the first phase runs: a syntax error in the last hook
 * or a hypervisor plugin missing a function stops the run before anything changes on the machine.
 */
public final class PluginSet {
    /** The functions DevStack's core calls on a hypervisor plugin, in lifecycle order. */
    public static final List<String> HYPERVISOR_FUNCTIONS = List.of("install_nova_hypervisor",
            "configure_nova_hypervisor", "start_nova_hypervisor", "stop_nova_hypervisor", "cleanup_nova_hypervisor");

    private final PluginTree tree;
    private final List<CompiledPlugin> hooks;
    private final Map<String, CompiledPlugin> hypervisors;
    private final Map<Path, CompiledPlugin> libraries;

    private PluginSet(PluginTree tree, List<CompiledPlugin> hooks, Map<String, CompiledPlugin> hypervisors,
                      Map<Path, CompiledPlugin> libraries) {
        this.tree = tree;
        this.hooks = hooks;
        this.hypervisors = hypervisors;
        this.libraries = libraries;
    }

    /** Compiles all of the tree's plugins and checks every hypervisor plugin defines the five functions. */
    public static PluginSet load(PluginTree tree, PluginCompiler compiler) {
        List<PluginSource> all = new ArrayList<>(tree.hooks());
        all.addAll(tree.hypervisors().values());
        all.addAll(tree.libraries());
        List<CompiledPlugin> compiled = compiler.compileAll(all);

        List<CompiledPlugin> hooks = new ArrayList<>();
        Map<String, CompiledPlugin> hypervisors = new LinkedHashMap<>();
        Map<Path, CompiledPlugin> libraries = new LinkedHashMap<>();
        for (CompiledPlugin plugin : compiled) {
            switch (plugin.source().kind()) {
                case HOOK -> hooks.add(plugin);
                case HYPERVISOR -> hypervisors.put(driverName(tree, plugin.source()), plugin);
                case LIBRARY -> libraries.put(plugin.source().path().toAbsolutePath().normalize(), plugin);
            }
        }
        validateHypervisors(hypervisors.values());
        return new PluginSet(tree, List.copyOf(hooks), hypervisors, libraries);
    }

    private static String driverName(PluginTree tree, PluginSource source) {
        return tree.hypervisors().entrySet().stream().filter(e -> e.getValue().equals(source))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    private static void validateHypervisors(Iterable<CompiledPlugin> plugins) {
        List<String> errors = new ArrayList<>();
        for (CompiledPlugin plugin : plugins) {
            Set<String> missing = new TreeSet<>(HYPERVISOR_FUNCTIONS);
            missing.removeAll(plugin.functions());
            if (!missing.isEmpty()) {
                errors.add(plugin.source().displayName() + ": a hypervisor plugin must define all of "
                        + String.join(", ", HYPERVISOR_FUNCTIONS) + "; missing: " + String.join(", ", missing));
            }
        }
        if (!errors.isEmpty()) {
            throw new PluginException(String.join("\n", errors),
                    "define the missing functions, even empty ones: def stop_nova_hypervisor() {}");
        }
    }

    public PluginTree tree() {
        return tree;
    }

    /** The hooks in the order they run. */
    public List<CompiledPlugin> hooks() {
        return hooks;
    }

    public Optional<CompiledPlugin> hypervisor(String driver) {
        return Optional.ofNullable(hypervisors.get(driver));
    }

    /** The VIRT_DRIVER names that have a plugin. */
    public Set<String> drivers() {
        return new TreeSet<>(hypervisors.keySet());
    }

    /** A library of the tree's lib/ directory, compiled in advance. */
    public Optional<CompiledPlugin> library(Path path) {
        return Optional.ofNullable(libraries.get(path.toAbsolutePath().normalize()));
    }
}
