package devstack.plan;

import devstack.system.FileModes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.function.Predicate;

/**
 * The plan as JSON ({@code --dry-run --plan-format json}), for a CI job that diffs two plans. Field names are
 * stable and documented in docs/configuration.md; nothing in it depends on the time or the order of a hash map.
 *
 * <pre>
 * {"format": 1, "command": "stack", "completed": true,
 *  "effects": [{"phase": "stack pre-install", "kind": "install", "subject": "cowsay", "detail": ""}, …],
 *  "files": [{"phase": "stack install", "path": "/etc/nova/nova.conf", "action": "create", "mode": "0644",
 *             "diff": ["--- /dev/null", "+++ /etc/nova/nova.conf", "@@ -0,0 +1,3 @@", …]}, …],
 *  "summary": {"packages_to_install": […], "packages_to_remove": […], "files_to_create": […],
 *              "files_to_change": […], "directories_to_create": […], "paths_to_remove": […],
 *              "processes_to_start": […], "processes_to_stop": […], "commands_to_run": […], "clones": […],
 *              "downloads": […]}}
 * </pre>
 */
public final class PlanJson {
    /** Bumped when a field changes meaning or goes away; new fields may appear without it. */
    public static final int FORMAT = 1;

    private PlanJson() {
    }

    /**
     * The plan as JSON, each string passed through {@code mask} (the run's secret masking) before it is quoted:
     * masking the finished JSON would miss a secret whose characters JSON escapes, or that a {@code \\n} joins to
     * the text before it.
     */
    public static String of(Plan plan, String command, boolean completed, UnaryOperator<String> mask) {
        Function<String, String> str = text -> quote(mask.apply(text));
        Function<Iterable<String>, String> list = items -> array(items, str);
        StringBuilder json = new StringBuilder();
        // The command and the kinds are the host's own words, never secrets: not masked.
        json.append("{\n  \"format\": ").append(FORMAT).append(",\n  \"command\": ").append(quote(command))
                .append(",\n  \"completed\": ").append(completed).append(",\n  \"effects\": [");
        List<String> effects = new ArrayList<>();
        for (Plan.Effect e : plan.effects()) {
            effects.add("\n    {\"phase\": " + str.apply(e.phase()) + ", \"kind\": " + quote(kind(e.kind()))
                    + ", \"subject\": " + str.apply(e.subject()) + ", \"detail\": " + str.apply(e.detail()) + "}");
        }
        json.append(String.join(",", effects)).append(effects.isEmpty() ? "" : "\n  ").append("],\n  \"files\": [");
        List<String> files = new ArrayList<>();
        for (Plan.FileChange c : plan.fileChanges()) {
            String path = c.file().toString();
            List<String> diff = UnifiedDiff.of(c.created() ? "/dev/null" : path, c.after() == null ? "/dev/null"
                    : path, DryRunReport.lines(c.before()), DryRunReport.lines(c.after()));
            files.add("\n    {\"phase\": " + str.apply(c.phase()) + ", \"path\": " + str.apply(path) + ", \"action\": "
                    + str.apply(c.created() ? "create" : c.after() == null ? "remove" : "change") + ", \"mode\": "
                    + (c.mode().isPresent() ? str.apply(FileModes.octal(c.mode().getAsInt())) : "null")
                    + ", \"diff\": " + list.apply(diff) + "}");
        }
        json.append(String.join(",", files)).append(files.isEmpty() ? "" : "\n  ").append("],\n  \"summary\": {");
        json.append("\n    \"packages_to_install\": ").append(list.apply(plan.packagesInstalled()));
        json.append(",\n    \"packages_to_remove\": ").append(list.apply(plan.packagesRemoved()));
        json.append(",\n    \"files_to_create\": ").append(list.apply(files(plan, Plan.FileChange::created)));
        json.append(",\n    \"files_to_change\": ")
                .append(list.apply(files(plan, c -> !c.created() && c.after() != null)));
        json.append(",\n    \"directories_to_create\": ")
                .append(list.apply(subjects(plan, Plan.Kind.CREATE_DIRECTORY)));
        json.append(",\n    \"paths_to_remove\": ").append(list.apply(subjects(plan, Plan.Kind.DELETE)));
        json.append(",\n    \"processes_to_start\": ").append(list.apply(subjects(plan, Plan.Kind.START)));
        json.append(",\n    \"processes_to_stop\": ").append(list.apply(subjects(plan, Plan.Kind.STOP)));
        json.append(",\n    \"commands_to_run\": ").append(list.apply(plan.effects(Plan.Kind.RUN).stream()
                .map(Plan.Effect::subject).toList()));
        json.append(",\n    \"clones\": ").append(list.apply(subjects(plan, Plan.Kind.CLONE)));
        json.append(",\n    \"downloads\": ").append(list.apply(subjects(plan, Plan.Kind.DOWNLOAD)));
        return json.append("\n  }\n}\n").toString();
    }

    /** The files whose changes match, each once, in order. */
    static List<String> files(Plan plan, Predicate<Plan.FileChange> which) {
        return plan.fileChanges().stream().filter(which).map(c -> c.file().toString()).distinct().toList();
    }

    private static List<String> subjects(Plan plan, Plan.Kind kind) {
        return plan.effects(kind).stream().map(Plan.Effect::subject).distinct().toList();
    }

    private static String kind(Plan.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String array(Iterable<String> items, Function<String, String> quote) {
        List<String> quoted = new ArrayList<>();
        items.forEach(i -> quoted.add(quote.apply(i)));
        return "[" + String.join(", ", quoted) + "]";
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
