package devstack.external;

import devstack.config.ConfigurationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order external plugins run in: the {@code enable_plugin} order, except that a plugin runs after the plugins
 * it requires ({@code plugin_requires}, which DevStack ignores). Among the plugins that are ready, the one enabled
 * first goes first, so the order changes only where a requirement makes it. A requirement on a plugin that is not
 * enabled, or a cycle, is an error naming the plugins, raised before anything runs.
 */
public final class PluginOrder {
    private PluginOrder() {
    }

    /** One {@code plugin_requires} of a plugin, with where it was declared. */
    public record Requirement(String plugin, String required, String where) {
    }

    /**
     * Orders {@code plugins} (names, in {@code enable_plugin} order).
     *
     * @param requirements every requirement of those plugins
     * @param enabled      every enabled plugin name; a requirement on an enabled plugin that is not among
     *                     {@code plugins} (not cloned, skipped by unstack) is satisfied
     */
    public static List<String> order(List<String> plugins, List<Requirement> requirements, Set<String> enabled) {
        List<String> missing = new ArrayList<>();
        Map<String, Set<String>> pending = new LinkedHashMap<>();
        plugins.forEach(name -> pending.put(name, new LinkedHashSet<>()));
        for (Requirement r : requirements) {
            if (!enabled.contains(r.required())) {
                missing.add("plugin " + r.plugin() + " requires plugin " + r.required() + " (" + r.where()
                        + "), which is not enabled");
            } else if (pending.containsKey(r.required()) && pending.containsKey(r.plugin())) {
                pending.get(r.plugin()).add(r.required());
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigurationException(String.join("\n", missing),
                    "add an enable_plugin line for each required plugin to [[local|localrc]]");
        }
        List<String> ordered = new ArrayList<>();
        while (!pending.isEmpty()) {
            String ready = pending.entrySet().stream()
                    .filter(e -> ordered.containsAll(e.getValue()))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            if (ready == null) {
                throw cycle(pending, requirements);
            }
            ordered.add(ready);
            pending.remove(ready);
        }
        return ordered;
    }

    /** Names one cycle among the plugins that could not be placed, with where each link was declared. */
    private static ConfigurationException cycle(Map<String, Set<String>> pending, List<Requirement> requirements) {
        List<String> path = new ArrayList<>();
        String current = pending.keySet().iterator().next();
        while (!path.contains(current)) {
            path.add(current);
            current = pending.get(current).stream().filter(pending::containsKey).findFirst().orElseThrow();
        }
        List<String> cycle = path.subList(path.indexOf(current), path.size());
        List<String> links = new ArrayList<>();
        for (int i = 0; i < cycle.size(); i++) {
            String from = cycle.get(i);
            String to = cycle.get((i + 1) % cycle.size());
            String where = requirements.stream().filter(r -> r.plugin().equals(from) && r.required().equals(to))
                    .map(Requirement::where).findFirst().orElse("");
            links.add(from + " requires " + to + " (" + where + ")");
        }
        if (cycle.size() == 1) {
            return new ConfigurationException("plugin " + cycle.get(0) + " requires itself: " + links.get(0),
                    "remove that plugin_requires line");
        }
        String names = String.join(" -> ", cycle) + " -> " + cycle.get(0);
        return new ConfigurationException("the plugins " + names + " require each other in a cycle: "
                + String.join("; ", links), "remove one of these plugin_requires lines");
    }
}
