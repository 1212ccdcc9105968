package devstack.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * DevStack's service model over the live {@code ENABLED_SERVICES} and {@code DISABLED_SERVICES} variables.
 * Both lists are read from the shared {@link Variables} on every call, so a plugin that assigns them is seen at
 * once. Names are literal (DevStack matches them as regular expressions, an accident we do not keep).
 */
public final class ServiceSet {
    public static final String ENABLED = "ENABLED_SERVICES";
    public static final String DISABLED = "DISABLED_SERVICES";

    /** Group names and the item prefixes that make them enabled. */
    private static final Map<String, List<String>> GROUPS = Map.of(
            "nova", List.of("n-"),
            "glance", List.of("g-"),
            "neutron", List.of("q-", "neutron-"),
            "swift", List.of("s-"),
            "cinder", List.of("c-"),
            "placement", List.of("placement-"),
            "trove", List.of("tr-"),
            "ironic", List.of("ir-"));

    private final Variables variables;
    private final Consumer<String> warn;
    /** Asks a plugin-defined {@code is_<name>_enabled} function; empty when no such function exists. */
    private Function<String, Optional<Boolean>> servicePredicates = name -> Optional.empty();

    public ServiceSet(Variables variables, Consumer<String> warn) {
        this.variables = variables;
        this.warn = warn;
    }

    /** Whether {@code name} is a group ({@code nova}, {@code keystone}, …), enabled by other items than itself. */
    public static boolean isGroup(String name) {
        return GROUPS.containsKey(name) || name.equals("keystone");
    }

    /** Lets functions such as {@code is_foo_enabled} defined by plugins answer for their service. */
    public void usePredicates(Function<String, Optional<Boolean>> predicates) {
        this.servicePredicates = predicates;
    }

    public List<String> enabled() {
        return items(variables.getString(ENABLED));
    }

    public List<String> disabled() {
        return items(variables.getString(DISABLED));
    }

    /** is_service_enabled: true if any of the names (each argument may hold several, blank-separated) is enabled. */
    public boolean isEnabled(String... names) {
        List<String> enabled = enabled();
        List<String> disabled = disabled();
        for (String name : splitArguments(names)) {
            if (isEnabled(name, enabled, disabled)) {
                return true;
            }
        }
        return false;
    }

    private boolean isEnabled(String name, List<String> enabled, List<String> disabled) {
        if (enabled.contains(name)) {
            return true;
        }
        // DevStack's fake multi-compute runs n-cpu-1, n-cpu-2 …: each counts as enabled when an n-cpu item is.
        if (name.startsWith("n-cpu-") && enabled.stream().anyMatch(item -> item.startsWith("n-cpu"))) {
            return true;
        }
        if (servicePredicates.apply(name).orElse(false)) {
            return true;
        }
        if (name.equals("keystone")) {
            return enabled.contains("key") && !disabled.contains("keystone");
        }
        List<String> prefixes = groupPrefixes(name, disabled);
        if (prefixes != null && enabled.stream().anyMatch(item -> prefixes.stream().anyMatch(item::startsWith))) {
            return true;
        }
        // An item "swift" stands for every swift service.
        return name.startsWith("s-") && enabled.contains("swift");
    }

    /**
     * The item prefixes of a group. As DevStack's lib predicates do, {@code disable_service cinder} switches the
     * cinder group off and {@code disable_service neutron} its {@code neutron-*} half; nova, glance and swift keep
     * their legacy aliases, which no disable reaches.
     */
    private static List<String> groupPrefixes(String name, List<String> disabled) {
        if (!disabled.contains(name)) {
            return GROUPS.get(name);
        }
        return switch (name) {
            case "cinder" -> List.of();
            case "neutron" -> List.of("q-");
            default -> GROUPS.get(name);
        };
    }

    /** enable_service: appends each name not enabled yet, once; a disabled name only warns (DevStack's stickiness). */
    public void enable(String... names) {
        List<String> enabled = new ArrayList<>(enabled());
        List<String> disabled = disabled();
        for (String name : splitArguments(names)) {
            if (disabled.contains(name)) {
                warn.accept("Attempt to enable_service " + name + " when it has been disabled");
            } else if (!isEnabled(name, enabled, disabled)) {
                enabled.add(name);
            }
        }
        store(ENABLED, enabled);
        disableNegated();
    }

    /** disable_service: removes every item equal to each name and remembers the name in DISABLED_SERVICES. */
    public void disable(String... names) {
        List<String> enabled = new ArrayList<>(enabled());
        Set<String> disabled = new LinkedHashSet<>(disabled());
        for (String name : splitArguments(names)) {
            disabled.add(name);
            enabled.removeIf(name::equals);
        }
        store(ENABLED, enabled);
        store(DISABLED, new ArrayList<>(disabled));
    }

    /** disable_all_services: empties ENABLED_SERVICES; what was disabled stays disabled. */
    public void disableAll() {
        variables.set(ENABLED, "");
    }

    /** Applies {@code -name} items: they remove the exact name from the list and vanish themselves. */
    public void disableNegated() {
        List<String> items = enabled();
        Set<String> negated = new LinkedHashSet<>();
        items.stream().filter(item -> item.startsWith("-")).forEach(item -> negated.add(item.substring(1)));
        if (negated.isEmpty()) {
            return;
        }
        List<String> kept = new ArrayList<>();
        for (String item : items) {
            if (!item.startsWith("-") && !negated.contains(item)) {
                kept.add(item);
            }
        }
        store(ENABLED, kept);
    }

    /** The names that a plugin put back into ENABLED_SERVICES by assignment after they were disabled. */
    public List<String> reenabledByAssignment() {
        List<String> disabled = disabled();
        return enabled().stream().filter(disabled::contains).distinct().toList();
    }

    private void store(String variable, List<String> items) {
        variables.set(variable, String.join(",", items));
    }

    /** The items of a comma list, without empty ones (DevStack's list hygiene). */
    static List<String> items(String list) {
        List<String> items = new ArrayList<>();
        for (String item : list.split("[,\\s]+")) {
            if (!item.isEmpty()) {
                items.add(item);
            }
        }
        return items;
    }

    private static List<String> splitArguments(String... names) {
        List<String> split = new ArrayList<>();
        Arrays.stream(names).forEach(arg -> split.addAll(items(arg == null ? "" : arg.replace(',', ' '))));
        return split;
    }
}
