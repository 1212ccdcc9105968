package devstack.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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
        PluginCheck check = new PluginCheck(compiler);
        PluginSet plugins = check(tree, check);
        check.throwIfAny();
        return plugins;
    }

    /**
     * Compiles every hook, hypervisor plugin and library of the tree, and checks that each hypervisor plugin
     * defines the five functions; each file's problems are recorded in {@code check} under its display name.
     * The set holds the files that passed.
     */
    public static PluginSet check(PluginTree tree, PluginCheck check) {
        List<CompiledPlugin> hooks = new ArrayList<>();
        for (PluginSource source : tree.hooks()) {
            Optional.ofNullable(check.compile(source.displayName(), source)).ifPresent(hooks::add);
        }
        Map<String, CompiledPlugin> hypervisors = new LinkedHashMap<>();
        for (Map.Entry<String, PluginSource> entry : new TreeMap<>(tree.hypervisors()).entrySet()) {
            CompiledPlugin plugin = check.compile(entry.getValue().displayName(), entry.getValue());
            if (plugin != null && definesAllFunctions(plugin, check)) {
                hypervisors.put(entry.getKey(), plugin);
            }
        }
        Map<Path, CompiledPlugin> libraries = new LinkedHashMap<>();
        for (PluginSource source : tree.libraries()) {
            CompiledPlugin plugin = check.compile(source.displayName(), source);
            if (plugin != null) {
                libraries.put(source.path().toAbsolutePath().normalize(), plugin);
            }
        }
        return new PluginSet(tree, List.copyOf(hooks), hypervisors, libraries);
    }

    /** Records the functions a hypervisor plugin lacks; true when it has all five. */
    private static boolean definesAllFunctions(CompiledPlugin plugin, PluginCheck check) {
        Set<String> missing = new TreeSet<>(HYPERVISOR_FUNCTIONS);
        missing.removeAll(plugin.functions());
        if (missing.isEmpty()) {
            return true;
        }
        check.problem(plugin.source().displayName(), new PluginException(plugin.source().displayName()
                + ": a hypervisor plugin must define all of " + String.join(", ", HYPERVISOR_FUNCTIONS)
                + "; missing: " + String.join(", ", missing),
                "define the missing functions, even empty ones: def stop_nova_hypervisor() {}"));
        return false;
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
