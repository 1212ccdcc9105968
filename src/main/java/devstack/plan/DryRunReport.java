package devstack.plan;

import devstack.console.Console;
import devstack.system.FileModes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What {@code --dry-run} prints: each planned change as it is planned, each file's change as a unified diff once
 * per phase, and at the end a summary of the whole plan with counts.
 */
public final class DryRunReport implements Plan.Listener {
    private static final String PREFIX = "[dry-run] ";

    private final Console console;

    public DryRunReport(Console console) {
        this.console = console;
    }

    @Override
    public void effect(Plan.Effect e) {
        String line = switch (e.kind()) {
            case RUN -> "would run: " + e.subject() + (e.detail().isEmpty() || e.subject().endsWith(e.detail()) ? ""
                    : " (with its variables: " + e.detail() + ")");
            case INSTALL -> "would install packages: " + e.subject();
            case REMOVE -> "would remove packages: " + e.subject();
            case UPDATE_REPOSITORIES -> "would update the package repositories";
            case CREATE_DIRECTORY -> "would create directory " + e.subject();
            case DELETE -> "would remove " + e.subject();
            case START -> "would start " + e.subject() + ": " + e.detail();
            case STOP -> "would stop " + e.subject() + (e.detail().isEmpty() ? "" : " (" + e.detail() + ")");
            case CLONE -> "would clone " + e.detail() + " into " + e.subject();
            case DOWNLOAD -> "would download " + e.detail() + " to " + e.subject();
            case ADD_TO_GROUP -> "would add " + e.subject() + " to group " + e.detail();
            case WAIT -> "would wait " + e.detail() + " for " + e.subject() + " (it does not answer now)";
        };
        console.summary(PREFIX + line);
    }

    @Override
    public void fileChange(Plan.FileChange change) {
        if (change.after() == null) {
            return; // the removal was printed when it was planned
        }
        String file = change.file().toString();
        console.summary(PREFIX + (change.created()
                ? "would create " + file + " (mode " + FileModes.octal(change.mode().orElse(0644)) + "):"
                : "would change " + file + ":"));
        UnifiedDiff.of(change.created() ? "/dev/null" : file, file, lines(change.before()), lines(change.after()))
                .forEach(console::summary);
    }

    /** The summary of the whole plan, printed when the run ends. */
    public void summary(Plan plan) {
        List<String> lines = new ArrayList<>();
        lines.add("Dry run: nothing was changed. The plan:");
        row(lines, "packages to install", plan.packagesInstalled());
        row(lines, "packages to remove", plan.packagesRemoved());
        row(lines, "files to create", PlanJson.files(plan, Plan.FileChange::created));
        row(lines, "files to change", PlanJson.files(plan, c -> !c.created() && c.after() != null));
        row(lines, "directories to create", subjects(plan, Plan.Kind.CREATE_DIRECTORY));
        row(lines, "paths to remove", subjects(plan, Plan.Kind.DELETE));
        row(lines, "processes to start", subjects(plan, Plan.Kind.START));
        row(lines, "processes to stop", subjects(plan, Plan.Kind.STOP));
        row(lines, "commands to run", plan.effects(Plan.Kind.RUN).stream().map(Plan.Effect::subject).toList());
        row(lines, "clones", subjects(plan, Plan.Kind.CLONE));
        row(lines, "downloads", subjects(plan, Plan.Kind.DOWNLOAD));
        row(lines, "group memberships", plan.effects(Plan.Kind.ADD_TO_GROUP).stream()
                .map(e -> e.subject() + ":" + e.detail()).toList());
        lines.forEach(console::summary);
    }

    private static List<String> subjects(Plan plan, Plan.Kind kind) {
        return plan.effects(kind).stream().map(Plan.Effect::subject).distinct().toList();
    }

    /** {@code   packages to install    2  cowsay, jq}: the count, then the first few names. */
    private static void row(List<String> lines, String what, java.util.Collection<String> items) {
        String names = items.stream().limit(5).collect(Collectors.joining(", "))
                + (items.size() > 5 ? ", … (" + (items.size() - 5) + " more)" : "");
        lines.add(String.format(Locale.ROOT, "  %-22s %3d  %s", what, items.size(), names).stripTrailing());
    }

    static List<String> lines(byte[] content) {
        return content == null || content.length == 0 ? List.of()
                : new String(content, StandardCharsets.UTF_8).lines().toList();
    }

}
