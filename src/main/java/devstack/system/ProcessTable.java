package devstack.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The machine's processes as Linux shows them in {@code /proc}: whether a pid is alive, when it started (the
 * identity that tells our process from another program that got the same pid later), its process group, and its
 * command line. A zombie (exited, not yet reaped) counts as dead.
 */
public final class ProcessTable {
    private final Path proc = Path.of("/proc");

    /** One line of {@code /proc/<pid>/stat}: what we need of it. */
    public record Stat(long pid, String name, char state, long processGroup, long startTicks) {
        public boolean isZombie() {
            return state == 'Z' || state == 'X';
        }
    }

    /** The status of a pid, or empty if no such process exists. */
    public Optional<Stat> stat(long pid) {
        try {
            return Optional.of(parseStat(pid, Files.readString(proc.resolve(pid + "/stat"), StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            // No such process, one that vanished while we read it, or a line Linux did not write: none of ours.
            return Optional.empty();
        }
    }

    /**
     * Parses {@code /proc/<pid>/stat}. The name (field 2) is in parentheses and may itself hold blanks and
     * parentheses, so the fields after it are counted from the last closing parenthesis: field 3 is the state,
     * field 5 the process group, field 22 the start time in clock ticks after boot.
     */
    static Stat parseStat(long pid, String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("not a /proc stat line: " + line);
        }
        String[] fields = line.substring(close + 1).trim().split("\\s+");
        return new Stat(pid, line.substring(open + 1, close), fields[0].charAt(0), Long.parseLong(fields[2]),
                Long.parseLong(fields[19]));
    }

    /** True if the pid is a live process (not a zombie). */
    public boolean isAlive(long pid) {
        return stat(pid).filter(s -> !s.isZombie()).isPresent();
    }

    /** The live processes whose process group is {@code pgid}. */
    public List<Long> groupMembers(long pgid) {
        List<Long> members = new ArrayList<>();
        for (long pid : pids()) {
            stat(pid).filter(s -> s.processGroup() == pgid && !s.isZombie()).ifPresent(s -> members.add(pid));
        }
        return members;
    }

    /** The command line of a process with its arguments joined by blanks, as {@code ps} shows it; empty if none. */
    public String commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(proc.resolve(pid + "/cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException e) {
            return "";
        }
    }

    /** Every pid in the table. */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                    pids.add(Long.parseLong(name));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the processes in " + proc + ": " + e.getMessage(), e);
        }
        return pids;
    }
}
