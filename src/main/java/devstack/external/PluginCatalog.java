package devstack.external;

import devstack.DevstackException;
import devstack.check.CallCheck;
import devstack.config.Settings;
import devstack.config.Settings.PluginRequest;
import devstack.plugin.ClassCache;
import devstack.plugin.PluginCheck;
import devstack.plugin.PluginCompiler;
import devstack.plugin.PluginException;
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

    /**
     * One plugin: {@code kind} is hook, hypervisor, library or external; {@code enabled} is yes, no, or - (a
     * library is loaded by the hooks that source it); {@code problems} say why it is not valid;
     * {@code servicesTested} are the services its dispatch file tests with {@code is_service_enabled('…')}, each
     * with whether it is enabled.
     */
    public record Entry(String kind, String name, String enabled, Validity valid, String from,
                        List<String> problems, List<TestedService> servicesTested) {
        public Entry(String kind, String name, String enabled, Validity valid, String from, List<String> problems) {
            this(kind, name, enabled, valid, from, problems, List.of());
        }

        /** Tests services none of which is enabled, or enabled by a plugin: it does nothing. */
        public boolean idle() {
            return !servicesTested.isEmpty() && servicesTested.stream().noneMatch(TestedService::enabled);
        }
    }

    /**
     * A service a plugin tests with {@code is_service_enabled}: enabled by the configuration, or by a plugin's
     * {@code enable_service} (then {@code enabledBy} names the file), or not enabled.
     */
    public record TestedService(String name, boolean enabled, String enabledBy) {
        @Override
        public String toString() {
            return name + (enabledBy != null ? " (enabled by " + enabledBy + ")" : enabled ? " (enabled)"
                    : " (not enabled)");
        }
    }

    /** Every plugin, and the warnings of the checks (a call that an external plugin not cloned yet may answer). */
    public record Catalog(List<Entry> entries, List<String> warnings) {
        public long invalid() {
            return entries.stream().filter(e -> e.valid() == Validity.NO).count();
        }
    }

    /** {@link #check}'s plugins. */
    public static List<Entry> list(Settings settings, PluginTree tree) {
        return check(settings, tree, ClassCache.disabled()).entries();
    }

    /**
     * Every plugin, judged by the checks a run makes before its first phase ({@link PluginSet#check} for the
     * tree's files, {@link ExternalPlugin#check} for each cloned external plugin, {@link CallCheck} for the calls
     * of all of them), without stopping at the first; unchanged files come from {@code cache}.
     */
    public static Catalog check(Settings settings, PluginTree tree, ClassCache cache) {
        PluginCompiler compiler = new PluginCompiler(PluginScript.class, cache);
        PluginCheck check = new PluginCheck(compiler);
        PluginSet.check(tree, check);
        Map<String, List<PluginOrder.Requirement>> requires = new HashMap<>();
        Map<String, Boolean> cloned = new HashMap<>();
        compileExternal(settings, check, requires, cloned);
        List<String> notCloned = settings.plugins().stream().map(PluginRequest::name)
                .filter(name -> cloned.containsKey(name) && !cloned.get(name)).toList();
        CallCheck calls = CallCheck.of(settings);
        List<String> warnings = calls.check(check, notCloned.isEmpty() ? CallCheck.Unknown.ERROR
                : CallCheck.Unknown.WARNING, notCloned);
        Map<String, List<String>> tested = calls.servicesTested();
        Map<String, String> enabledByPlugins = calls.servicesEnabled();

        List<Entry> entries = new ArrayList<>();
        for (PluginSource hook : tree.hooks()) {
            entries.add(entry("hook", hook.baseName(), "yes", hook, check, services(tested.get(hook.displayName()),
                    settings, enabledByPlugins)));
        }
        boolean nova = settings.services().isEnabled("nova");
        String driver = settings.get("VIRT_DRIVER");
        for (Map.Entry<String, PluginSource> hypervisor : new java.util.TreeMap<>(tree.hypervisors()).entrySet()) {
            boolean enabled = nova && hypervisor.getKey().equals(driver);
            entries.add(entry("hypervisor", hypervisor.getKey(), enabled ? "yes" : "no", hypervisor.getValue(), check,
                    List.of()));
        }
        for (PluginSource library : tree.libraries()) {
            entries.add(entry("library", library.baseName(), "-", library, check, List.of()));
        }
        entries.addAll(external(settings, check, requires, cloned, tested, enabledByPlugins));
        return new Catalog(List.copyOf(entries), warnings);
    }

    /**
     * Each service of {@code names} with whether it is enabled: by the configuration, or by a plugin that enables it
     * with a literal {@code enable_service} (unless the configuration disabled it, which enable_service respects).
     */
    private static List<TestedService> services(List<String> names, Settings settings,
                                                Map<String, String> enabledByPlugins) {
        List<TestedService> services = new ArrayList<>();
        for (String name : names == null ? List.<String>of() : names) {
            if (settings.services().isEnabled(name)) {
                services.add(new TestedService(name, true, null));
            } else if (enabledByPlugins.containsKey(name) && !settings.services().disabled().contains(name)) {
                services.add(new TestedService(name, true, enabledByPlugins.get(name)));
            } else {
                services.add(new TestedService(name, false, null));
            }
        }
        return List.copyOf(services);
    }

    /**
     * Compiles every cloned plugin's files into {@code check}, as stack would; what a request or a clone gets wrong
     * is recorded under the plugin's name, its requirements in {@code requires}, and whether it is cloned in
     * {@code cloned}.
     */
    private static void compileExternal(Settings settings, PluginCheck check,
                                        Map<String, List<PluginOrder.Requirement>> requires,
                                        Map<String, Boolean> cloned) {
        for (PluginRequest request : settings.plugins()) {
            requires.put(request.name(), new ArrayList<>());
            try {
                ExternalPlugin.validate(request);
            } catch (DevstackException e) {
                check.problem(request.name(), e);
                continue;
            }
            Path dir = request.gitDir();
            boolean present = Files.isDirectory(dir) && isNotEmpty(dir);
            cloned.put(request.name(), present);
            if (!present) {
                continue;
            }
            if (!Files.exists(dir.resolve(".git"))) {
                check.problem(request.name(), new PluginException(dir + " is not a git repository (stack refuses to "
                        + "use it; RECLONE=True replaces it)", null));
            }
            ExternalPlugin.check(request, request.gitDir(), check).ifPresent(plugin -> plugin.declarations().requires()
                    .forEach(r -> requires.get(request.name()).add(new PluginOrder.Requirement(request.name(),
                            r.other(), r.location().toString()))));
        }
    }

    private static List<Entry> external(Settings settings, PluginCheck check,
                                        Map<String, List<PluginOrder.Requirement>> requires,
                                        Map<String, Boolean> cloned, Map<String, List<String>> tested,
                                        Map<String, String> enabledByPlugins) {
        Set<String> enabled = settings.plugins().stream().map(PluginRequest::name).collect(Collectors.toSet());
        Map<String, List<String>> problems = new LinkedHashMap<>();
        for (PluginRequest request : settings.plugins()) {
            problems.put(request.name(), new ArrayList<>(check.problems(request.name())));
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
            String dispatch = request.gitDir().resolve(ExternalPlugin.PLUGIN).toAbsolutePath().normalize().toString();
            entries.add(new Entry("external", request.name(), "yes", valid, from, List.copyOf(own),
                    services(tested.get(dispatch), settings, enabledByPlugins)));
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

    private static Entry entry(String kind, String name, String enabled, PluginSource source, PluginCheck check,
                               List<TestedService> services) {
        List<String> problems = check.problems(source.displayName());
        return new Entry(kind, name, enabled, problems.isEmpty() ? Validity.YES : Validity.NO, source.displayName(),
                problems, services);
    }

    private static boolean isNotEmpty(Path dir) {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        } catch (java.io.IOException e) {
            return true;
        }
    }
}
