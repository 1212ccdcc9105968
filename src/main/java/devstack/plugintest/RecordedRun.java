package devstack.plugintest;

import devstack.DevstackException;
import devstack.ini.IniFile;
import devstack.lifecycle.StepFailedException;
import devstack.plan.Plan;
import devstack.plan.UnifiedDiff;
import devstack.system.FileModes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a recorded run did: the plan of every effect, what it printed, and how it ended. The accessors answer the
 * questions a plugin's test asks; {@link #callStack()} is the whole recording as text, for a golden file.
 */
public final class RecordedRun {
    /** How a run failed: the phase, the plugin file and line, and the message (phase and place may be empty). */
    public record Failure(String phase, String location, String message, int exitCode) {
    }

    private final String command;
    private final Plan plan;
    private final String out;
    private final String err;
    private final DevstackException failure;

    RecordedRun(String command, Plan plan, String out, String err, DevstackException failure) {
        this.command = command;
        this.plan = plan;
        this.out = out;
        this.err = err;
        this.failure = failure;
    }

    /** The whole plan: every effect in order, and every file change per phase. */
    public Plan plan() {
        return plan;
    }

    /** 0 when the run succeeded, else the exit code the program would end with (1, or 2 for bad input). */
    public int exitCode() {
        return failure == null ? 0 : failure.exitCode();
    }

    public boolean succeeded() {
        return failure == null;
    }

    /** How the run failed, if it did. */
    public Optional<Failure> failure() {
        if (failure == null) {
            return Optional.empty();
        }
        String phase = "";
        String location = "";
        String message = failure.getMessage();
        if (failure instanceof StepFailedException step) {
            phase = step.phase().toString();
            location = step.location().map(Object::toString).orElse("");
            Throwable cause = step.getCause();
            message = cause == null || cause.getMessage() == null ? message : cause.getMessage();
        }
        return Optional.of(new Failure(phase, location, message, failure.exitCode()));
    }

    /** What the run printed on stdout: its summary lines (echo_summary and the core's). */
    public String out() {
        return out;
    }

    /** What the run printed on stderr: warnings and errors. */
    public String err() {
        return err;
    }

    /** The summary lines, in order. */
    public List<String> summary() {
        return out.lines().toList();
    }

    /** The warnings ({@code warn} and the core's), without their {@code [WARNING]} prefix. */
    public List<String> warnings() {
        return err.lines().filter(l -> l.startsWith("[WARNING] ")).map(l -> l.substring("[WARNING] ".length()))
                .toList();
    }

    /** The errors ({@code err}), without their {@code [ERROR]} prefix. */
    public List<String> errors() {
        return err.lines().filter(l -> l.startsWith("[ERROR] ")).map(l -> l.substring("[ERROR] ".length())).toList();
    }

    public Set<String> packagesInstalled() {
        return plan.packagesInstalled();
    }

    public Set<String> packagesRemoved() {
        return plan.packagesRemoved();
    }

    /** The commands that would change the machine ({@code sh}, {@code sudo}, …), as their command lines. */
    public List<String> commands() {
        return subjects(Plan.Kind.RUN);
    }

    /**
     * The shell commands of {@code sh} and {@code sudo}, with the settings and globals they read from their
     * environment filled in: {@code sh 'mkdir -p "$DATA_DIR/x"'} is {@code mkdir -p "/opt/stack/data/x"}.
     */
    public List<String> shellCommands() {
        return plan.effects(Plan.Kind.RUN).stream().filter(e -> !e.detail().isEmpty()).map(Plan.Effect::detail)
                .toList();
    }

    /** The shell commands of {@code sh} and {@code sudo} as the plugin wrote them. */
    public List<String> shellCommandsAsWritten() {
        List<String> lines = new ArrayList<>();
        for (Plan.Effect e : plan.effects(Plan.Kind.RUN)) {
            int at = e.subject().indexOf("/bin/sh -c ");
            if (at >= 0) {
                lines.add(e.subject().substring(at + "/bin/sh -c ".length()));
            }
        }
        return lines;
    }

    public List<String> processesStarted() {
        return subjects(Plan.Kind.START);
    }

    public List<String> processesStopped() {
        return subjects(Plan.Kind.STOP);
    }

    /** The command each service was started with, by service. */
    public Map<String, String> processCommands() {
        Map<String, String> commands = new LinkedHashMap<>();
        plan.effects(Plan.Kind.START).forEach(e -> commands.put(e.subject(), e.detail()));
        return commands;
    }

    public List<String> directoriesCreated() {
        return subjects(Plan.Kind.CREATE_DIRECTORY);
    }

    public List<String> removed() {
        return subjects(Plan.Kind.DELETE);
    }

    /** The clones, as their destinations. */
    public List<String> clones() {
        return subjects(Plan.Kind.CLONE);
    }

    /** The downloads, as their URLs. */
    public List<String> downloads() {
        return plan.effects(Plan.Kind.DOWNLOAD).stream().map(Plan.Effect::detail).toList();
    }

    /** Group memberships added, as {@code user:group}. */
    public List<String> groupsAdded() {
        return plan.effects(Plan.Kind.ADD_TO_GROUP).stream().map(e -> e.subject() + ":" + e.detail()).toList();
    }

    /** The files the run created or changed. */
    public Set<String> filesWritten() {
        Set<String> files = new LinkedHashSet<>();
        plan.filesWritten().forEach(p -> files.add(p.toString()));
        return files;
    }

    /** A file as the run left it, or null if it wrote none there. */
    public String file(String path) {
        Plan.FileChange last = last(path);
        return last == null || last.after() == null ? null : new String(last.after(), StandardCharsets.UTF_8);
    }

    /** The mode of a file the run wrote ({@code '0644'}), or null. */
    public String mode(String path) {
        Plan.FileChange last = last(path);
        return last == null || last.mode().isEmpty() ? null : FileModes.octal(last.mode().getAsInt());
    }

    /** An ini file the run wrote, section → option → value (a multi-line option's values joined by blanks). */
    public Map<String, Map<String, String>> ini(String path) {
        String text = file(path);
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        if (text == null) {
            return sections;
        }
        IniFile ini = IniFile.parse(text);
        for (String section : new LinkedHashSet<>(ini.inigetSections())) {
            Map<String, String> options = new LinkedHashMap<>();
            for (String option : ini.options(section)) {
                options.put(option, ini.inigetMultiline(section, option));
            }
            sections.put(section, options);
        }
        return sections;
    }

    /** The lines {@code err} would have added to {@code $LOGDIR/error.log}. */
    public List<String> errorLog() {
        return plan.errorLog();
    }

    /**
     * The whole recording as text, one effect a line ({@code phase | kind | subject | detail}) and each file change
     * as its unified diff: what a golden file holds.
     */
    public List<String> callStack() {
        List<String> lines = new ArrayList<>();
        lines.add("# " + command);
        // Phase by phase: the phase's effects, then its files (a file change is known at the end of its phase).
        for (String phase : plan.phases()) {
            for (Plan.Effect e : plan.effects()) {
                if (e.phase().equals(phase)) {
                    lines.add(String.join(" | ", e.phase(), e.kind().name().toLowerCase(java.util.Locale.ROOT),
                            e.subject(), e.detail()).stripTrailing());
                }
            }
            for (Plan.FileChange c : plan.fileChanges()) {
                if (c.phase().equals(phase)) {
                    String action = c.created() ? "create" : c.after() == null ? "remove" : "change";
                    lines.add(String.join(" | ", c.phase(), "file", c.file().toString(), action
                            + c.mode().stream().mapToObj(m -> " " + FileModes.octal(m)).findFirst().orElse("")));
                    UnifiedDiff.of(c.created() ? "/dev/null" : c.file().toString(), c.file().toString(),
                            text(c.before()), text(c.after())).stream().skip(2).forEach(l -> lines.add("    " + l));
                }
            }
        }
        failure().ifPresent(f -> lines.add("failed | " + f.phase() + " | " + f.location() + " | " + f.message()));
        return lines;
    }

    /** Compares {@link #callStack()} with a golden file; see {@link GoldenFile}. */
    public void matchesGolden(Object file) {
        GoldenFile.check(file instanceof Path p ? p : Path.of(file.toString()), callStack());
    }

    private List<String> subjects(Plan.Kind kind) {
        return plan.effects(kind).stream().map(Plan.Effect::subject).toList();
    }

    private Plan.FileChange last(String path) {
        Path file = Path.of(path).toAbsolutePath().normalize();
        Plan.FileChange last = null;
        for (Plan.FileChange c : plan.fileChanges()) {
            if (c.file().equals(file)) {
                last = c;
            }
        }
        return last;
    }

    private static List<String> text(byte[] content) {
        return content == null ? List.of() : new String(content, StandardCharsets.UTF_8).lines().toList();
    }

    @Override
    public String toString() {
        return String.join("\n", callStack()) + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }

}
