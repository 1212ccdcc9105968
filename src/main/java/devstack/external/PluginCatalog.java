package devstack.external;

import devstack.DevstackException;
import devstack.config.Settings;
import devstack.config.Settings.PluginRequest;
import devstack.plugin.CompiledPlugin;
import devstack.plugin.PluginCompiler;
import devstack.plugin.PluginSet;
import devstack.plugin.PluginSource;
import devstack.plugin.PluginTree;
import devstack.script.PluginScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Every plugin a run would use, for {@code devstack plugins}: the hooks, the hypervisor plugins and the external
 * plugins, each with where it comes from, whether it is enabled, and whether it is valid (it compiles and defines
 * what it must). Unlike a run, it does not stop at the first problem, and it never clones or changes anything.
 */
public final class PluginCatalog {
    private PluginCatalog() {
    }

    /** Whether a plugin would pass the checks a run makes before its first phase. */
    public enum Validity {
        YES, NO,
        /** An external plugin that is not cloned yet: stack clones it, then checks it. */
        UNKNOWN
    }

    /** One plugin: {@code kind} is hook, hypervisor or external; {@code problems} say why it is not valid. */
    public record Entry(String kind, String name, boolean enabled, Validity valid, String from,
                        List<String> problems) {
    }

    public static List<Entry> list(Settings settings, PluginTree tree) {
        return list(settings, tree, new PluginCompiler(PluginScript.class));
    }

    /** As {@link #list(Settings, PluginTree)}, compiling with {@code compiler} (and its class cache). */
    public static List<Entry> list(Settings settings, PluginTree tree, PluginCompiler compiler) {
        List<Entry> entries = new ArrayList<>();
        for (PluginSource hook : tree.hooks()) {
            List<String> problems = new ArrayList<>();
            compile(compiler, hook, problems);
            entries.add(entry("hook", hook.baseName(), true, hook.displayName(), problems));
        }
        boolean nova = settings.services().isEnabled("nova");
        String driver = settings.get("VIRT_DRIVER");
        for (Map.Entry<String, PluginSource> hypervisor : new java.util.TreeMap<>(tree.hypervisors()).entrySet()) {
            List<String> problems = new ArrayList<>();
            CompiledPlugin compiled = compile(compiler, hypervisor.getValue(), problems);
            if (compiled != null) {
                Set<String> missing = new TreeSet<>(PluginSet.HYPERVISOR_FUNCTIONS);
                missing.removeAll(compiled.functions());
                if (!missing.isEmpty()) {
                    problems.add("missing: " + String.join(", ", missing));
                }
            }
            entries.add(entry("hypervisor", hypervisor.getKey(), nova && hypervisor.getKey().equals(driver),
                    hypervisor.getValue().displayName(), problems));
        }
        entries.addAll(external(settings, compiler));
        return entries;
    }

    private static List<Entry> external(Settings settings, PluginCompiler compiler) {
        Set<String> enabled = settings.plugins().stream().map(PluginRequest::name).collect(Collectors.toSet());
        Map<String, List<String>> problems = new LinkedHashMap<>();
        Map<String, Boolean> cloned = new HashMap<>();
        Map<String, List<PluginOrder.Requirement>> requires = new HashMap<>();
        for (PluginRequest request : settings.plugins()) {
            List<String> own = new ArrayList<>();
            problems.put(request.name(), own);
            requires.put(request.name(), new ArrayList<>());
            try {
                ExternalPlugin.validate(request);
            } catch (DevstackException e) {
                own.add(e.getMessage());
                continue;
            }
            Path dir = request.gitDir();
            boolean present = Files.isDirectory(dir) && isNotEmpty(dir);
            cloned.put(request.name(), present);
            if (!present) {
                continue;
            }
            if (!Files.exists(dir.resolve(".git"))) {
                own.add(dir + " is not a git repository (stack refuses to use it; RECLONE=True replaces it)");
            }
            try {
                for (PluginSource source : ExternalPlugin.sources(request)) {
                    CompiledPlugin compiled = compile(compiler, source, own);
                    if (compiled != null && source.path().endsWith(ExternalPlugin.SETTINGS)) {
                        PluginDeclarations.scan(source.path(), source.displayName()).requires().forEach(r ->
                                requires.get(request.name()).add(new PluginOrder.Requirement(request.name(),
                                        r.other(), r.location().toString())));
                    }
                }
            } catch (DevstackException e) {
                own.add(e.getMessage());
            }
        }
        for (String name : problems.keySet()) {
            for (PluginOrder.Requirement r : requires.get(name)) {
                if (!enabled.contains(r.required())) {
                    problems.get(name).add("requires plugin " + r.required() + " (" + r.where()
                            + "), which is not enabled");
                }
            }
            cycle(name, requires).ifPresent(chain -> problems.get(name).add("plugin_requires cycle: " + chain));
        }
        List<Entry> entries = new ArrayList<>();
        for (PluginRequest request : settings.plugins()) {
            List<String> own = problems.get(request.name());
            boolean present = cloned.getOrDefault(request.name(), false);
            String from = request.url() + " " + request.ref() + " -> " + request.gitDir()
                    + (present ? "" : " (not cloned)");
            Validity valid = !own.isEmpty() ? Validity.NO : present ? Validity.YES : Validity.UNKNOWN;
            entries.add(new Entry("external", request.name(), true, valid, from, List.copyOf(own)));
        }
        return entries;
    }

    /** The shortest chain of requirements from {@code start} back to itself, if there is one. */
    private static java.util.Optional<String> cycle(String start, Map<String, List<PluginOrder.Requirement>> requires) {
        Map<String, String> parent = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String current = queue.removeFirst();
            for (PluginOrder.Requirement r : requires.getOrDefault(current, List.of())) {
                String next = r.required();
                if (next.equals(start)) {
                    List<String> chain = new ArrayList<>(List.of(start));
                    for (String at = current; !at.equals(start); at = parent.get(at)) {
                        chain.add(1, at);
                    }
                    chain.add(start);
                    return java.util.Optional.of(String.join(" -> ", chain));
                }
                if (!parent.containsKey(next) && requires.containsKey(next)) {
                    parent.put(next, current);
                    queue.addLast(next);
                }
            }
        }
        return java.util.Optional.empty();
    }

    private static CompiledPlugin compile(PluginCompiler compiler, PluginSource source, List<String> problems) {
        try {
            return compiler.compile(source);
        } catch (DevstackException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private static Entry entry(String kind, String name, boolean enabled, String from, List<String> problems) {
        return new Entry(kind, name, enabled, problems.isEmpty() ? Validity.YES : Validity.NO, from,
                List.copyOf(problems));
    }

    private static boolean isNotEmpty(Path dir) {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        } catch (java.io.IOException e) {
            return true;
        }
    }
}
