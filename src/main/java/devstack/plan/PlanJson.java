package devstack.plan;

import devstack.system.FileModes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    public static String of(Plan plan, String command, boolean completed) {
        StringBuilder json = new StringBuilder();
        json.append("{\n  \"format\": ").append(FORMAT).append(",\n  \"command\": ").append(quote(command))
                .append(",\n  \"completed\": ").append(completed).append(",\n  \"effects\": [");
        List<String> effects = new ArrayList<>();
        for (Plan.Effect e : plan.effects()) {
            effects.add("\n    {\"phase\": " + quote(e.phase()) + ", \"kind\": " + quote(kind(e.kind()))
                    + ", \"subject\": " + quote(e.subject()) + ", \"detail\": " + quote(e.detail()) + "}");
        }
        json.append(String.join(",", effects)).append(effects.isEmpty() ? "" : "\n  ").append("],\n  \"files\": [");
        List<String> files = new ArrayList<>();
        for (Plan.FileChange c : plan.fileChanges()) {
            String path = c.file().toString();
            List<String> diff = UnifiedDiff.of(c.created() ? "/dev/null" : path, c.after() == null ? "/dev/null"
                    : path, DryRunReport.lines(c.before()), DryRunReport.lines(c.after()));
            files.add("\n    {\"phase\": " + quote(c.phase()) + ", \"path\": " + quote(path) + ", \"action\": "
                    + quote(c.created() ? "create" : c.after() == null ? "remove" : "change") + ", \"mode\": "
                    + (c.mode().isPresent() ? quote(FileModes.octal(c.mode().getAsInt())) : "null")
                    + ", \"diff\": " + array(diff) + "}");
        }
        json.append(String.join(",", files)).append(files.isEmpty() ? "" : "\n  ").append("],\n  \"summary\": {");
        json.append("\n    \"packages_to_install\": ").append(array(plan.packagesInstalled()));
        json.append(",\n    \"packages_to_remove\": ").append(array(plan.packagesRemoved()));
        json.append(",\n    \"files_to_create\": ").append(array(files(plan, Plan.FileChange::created)));
        json.append(",\n    \"files_to_change\": ").append(array(files(plan, c -> !c.created() && c.after() != null)));
        json.append(",\n    \"directories_to_create\": ").append(array(subjects(plan, Plan.Kind.CREATE_DIRECTORY)));
        json.append(",\n    \"paths_to_remove\": ").append(array(subjects(plan, Plan.Kind.DELETE)));
        json.append(",\n    \"processes_to_start\": ").append(array(subjects(plan, Plan.Kind.START)));
        json.append(",\n    \"processes_to_stop\": ").append(array(subjects(plan, Plan.Kind.STOP)));
        json.append(",\n    \"commands_to_run\": ").append(array(plan.effects(Plan.Kind.RUN).stream()
                .map(Plan.Effect::subject).toList()));
        json.append(",\n    \"clones\": ").append(array(subjects(plan, Plan.Kind.CLONE)));
        json.append(",\n    \"downloads\": ").append(array(subjects(plan, Plan.Kind.DOWNLOAD)));
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

    private static String array(Iterable<String> items) {
        List<String> quoted = new ArrayList<>();
        items.forEach(i -> quoted.add(quote(i)));
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
