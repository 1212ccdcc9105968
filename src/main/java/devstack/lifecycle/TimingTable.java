package devstack.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the time of a stack went, printed at its end as DevStack's "Component Timing" table: per phase, per
 * plugin, per helper timer (time_start/time_stop), then the total.
 */
final class TimingTable {
    private static final String RULE = "=========================";

    private TimingTable() {
    }

    static List<String> render(Map<String, Duration> phases, Map<String, Duration> plugins,
                               Map<String, Duration> timers, Duration total) {
        int width = 24;
        for (Map<String, Duration> group : List.of(phases, plugins, timers)) {
            for (String name : group.keySet()) {
                width = Math.max(width, name.length() + 2);
            }
        }
        List<String> lines = new ArrayList<>(List.of("", RULE, "DevStack Component Timing", " (times are in seconds)",
                RULE));
        boolean first = true;
        for (Map<String, Duration> group : List.of(phases, plugins, timers)) {
            if (group.isEmpty()) {
                continue;
            }
            if (!first) {
                lines.add("-------------------------");
            }
            first = false;
            for (Map.Entry<String, Duration> row : group.entrySet()) {
                lines.add(row(width, row.getKey(), row.getValue()));
            }
        }
        lines.add(RULE);
        lines.add(row(width, "Total runtime", total));
        return lines;
    }

    private static String row(int width, String name, Duration duration) {
        return String.format(Locale.ROOT, "%-" + width + "s %6.1f", name, duration.toMillis() / 1000.0);
    }
}
