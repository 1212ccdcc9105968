package devstack.system;

import devstack.ini.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code run_process} records of a process in {@code $SERVICE_DIR/<service>.pid}: the pid on the first line
 * (as DevStack's pid files hold it, so {@code kill $(head -1 x.pid)} still works), then {@code key=value} lines:
 * the process's start time (which tells it from another program that gets the same pid later), its command, its
 * log file and where in the log its output starts.
 *
 * <pre>
 * 12345
 * start=987654
 * command=/opt/stack/data/demo/demo-service.sh 5
 * log=/opt/stack/logs/demo.log
 * log_offset=2048
 * </pre>
 */
public record ProcessRecord(String service, long pid, long startTicks, String command, Path log, long logOffset) {

    /** A pid file that cannot be read or makes no sense; it is never acted on, only removed. */
    public static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    /** The pid file of {@code service} in {@code serviceDir}. */
    public static Path file(Path serviceDir, String service) {
        return serviceDir.resolve(service + ".pid");
    }

    /** A pid file is read and written by the run's user alone: its command line may hold secrets. */
    static final int MODE = 0600;

    /**
     * Writes the record atomically, so that a run killed half-way never leaves half a pid file; mode 0600, since
     * the command line may hold secrets (the caller masks what it knows to be secret).
     */
    public void write(Path file) {
        String text = pid + "\n"
                + "start=" + startTicks + "\n"
                + "command=" + command.replaceAll("[\\r\\n]+", " ") + "\n"
                + "log=" + log + "\n"
                + "log_offset=" + logOffset + "\n";
        AtomicFile.write(file, text.getBytes(StandardCharsets.UTF_8), MODE);
    }

    /** Reads the pid file of {@code service}. */
    public static ProcessRecord read(Path file, String service) throws Unreadable {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new Unreadable("cannot read it: " + e.getMessage());
        }
        if (lines.isEmpty()) {
            throw new Unreadable("it is empty");
        }
        Map<String, String> values = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        long pid = number(lines.get(0).trim(), "the pid");
        if (pid <= 1) {
            throw new Unreadable("pid " + pid + " is not a process devstack starts");
        }
        if (!values.containsKey("start")) {
            // Without the start time a reused pid cannot be told from ours: never act on such a file.
            throw new Unreadable("it has no start time, so pid " + pid + " cannot be told from another program");
        }
        return new ProcessRecord(service, pid, number(values.get("start"), "the start time"),
                values.getOrDefault("command", ""), Path.of(values.getOrDefault("log", "")),
                values.containsKey("log_offset") ? number(values.get("log_offset"), "the log offset") : 0);
    }

    private static long number(String text, String what) throws Unreadable {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new Unreadable(what + " is not a number: '" + text + "'");
        }
    }
}
