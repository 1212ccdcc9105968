package devstack.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What a run would do to the machine, in order: every change it asked for, each in the phase it came from, and
 * every file it would create or change, once per file and phase with the content before and after. The dry run
 * prints it; the test kit asserts on it.
 */
public final class Plan {
    /** What kind of change an effect is. */
    public enum Kind {
        /**
         * A command that may change the machine (subject: the command line; detail: a shell command with the
         * variables it reads from its environment filled in).
         */
        RUN,
        /** Packages to install (subject: the names, blank-separated). */
        INSTALL,
        /** Packages to remove. */
        REMOVE,
        /** The package repositories refreshed. */
        UPDATE_REPOSITORIES,
        /** A directory created (subject: its path). */
        CREATE_DIRECTORY,
        /** A file or directory tree removed. */
        DELETE,
        /** A service process started (subject: the service; detail: the command). */
        START,
        /** A service process stopped. */
        STOP,
        /** A git clone made or updated (subject: the destination; detail: remote and ref). */
        CLONE,
        /** A download (subject: the target; detail: the URL). */
        DOWNLOAD,
        /** A user added to a group (subject: the user; detail: the group). */
        ADD_TO_GROUP,
        /** A wait for a URL that does not answer now (subject: the URL). */
        WAIT
    }

    /** One change, in the phase it came from ({@code ""} before the first phase). */
    public record Effect(String phase, Kind kind, String subject, String detail) {
    }

    /**
     * A file as one phase leaves it: {@code before} is null for a file the phase creates, {@code after} null for
     * one it removes; {@code mode} is the file's mode afterwards.
     */
    public record FileChange(String phase, Path file, byte[] before, byte[] after, OptionalInt mode) {
        public boolean created() {
            return before == null;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof FileChange c && phase.equals(c.phase) && file.equals(c.file)
                    && Arrays.equals(before, c.before) && Arrays.equals(after, c.after) && mode.equals(c.mode);
        }

        @Override
        public int hashCode() {
            return file.hashCode();
        }
    }

    /** Hears every effect and file change as the plan grows (the dry run prints them). */
    public interface Listener {
        default void effect(Effect effect) {
        }

        default void fileChange(FileChange change) {
        }
    }

    private final Listener listener;
    private final List<Effect> effects = new ArrayList<>();
    private final List<FileChange> fileChanges = new ArrayList<>();
    private final List<String> errorLog = new ArrayList<>();
    private final List<String> phases = new ArrayList<>(List.of(""));
    private String phase = "";

    public Plan(Listener listener) {
        this.listener = listener;
    }

    synchronized void enter(String phase) {
        this.phase = phase;
        if (!phases.contains(phase)) {
            phases.add(phase);
        }
    }

    /** The phases the run went through, in order, first {@code ""} for what came before the first phase. */
    public synchronized List<String> phases() {
        return List.copyOf(phases);
    }

    synchronized String phase() {
        return phase;
    }

    Effect add(Kind kind, String subject, String detail) {
        Effect effect;
        synchronized (this) {
            effect = new Effect(phase, kind, subject, detail);
            effects.add(effect);
        }
        listener.effect(effect);
        return effect;
    }

    void add(FileChange change) {
        synchronized (this) {
            fileChanges.add(change);
        }
        listener.fileChange(change);
    }

    synchronized void addErrorLog(String line) {
        errorLog.add(line);
    }

    /** Every effect, in order. */
    public synchronized List<Effect> effects() {
        return List.copyOf(effects);
    }

    /** The effects of one kind, in order. */
    public synchronized List<Effect> effects(Kind kind) {
        return effects.stream().filter(e -> e.kind() == kind).toList();
    }

    /** Every file change, per phase, in order. */
    public synchronized List<FileChange> fileChanges() {
        return List.copyOf(fileChanges);
    }

    /** The lines {@code err} would have appended to {@code $LOGDIR/error.log}. */
    public synchronized List<String> errorLog() {
        return List.copyOf(errorLog);
    }

    /** The packages the plan installs, each once, in order. */
    public Set<String> packagesInstalled() {
        return names(Kind.INSTALL);
    }

    /** The packages the plan removes, each once, in order. */
    public Set<String> packagesRemoved() {
        return names(Kind.REMOVE);
    }

    private Set<String> names(Kind kind) {
        Set<String> names = new LinkedHashSet<>();
        effects(kind).forEach(e -> names.addAll(List.of(e.subject().split(" "))));
        return names;
    }

    /** The files the plan creates or changes, each once, in order. */
    public Set<Path> filesWritten() {
        Set<Path> files = new LinkedHashSet<>();
        fileChanges().stream().filter(c -> c.after() != null).forEach(c -> files.add(c.file()));
        return files;
    }
}
