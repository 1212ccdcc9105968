package devstack.console;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The log files of one run: {@code LOGFILE.<timestamp>} with every line, and {@code LOGFILE.<timestamp>.summary}
 * with the summary lines only; {@code LOGFILE} and {@code LOGFILE.summary} are symlinks to the newest. Every line
 * starts with a UTC timestamp ({@code 2026-11-25 08:30:01.123 | text}, DevStack's outfilter format). Files of
 * earlier runs older than {@code LOGDAYS} days are removed when a run starts.
 */
public final class RunLog implements AutoCloseable {
    private static final DateTimeFormatter LINE_STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final Path file;
    private final BufferedWriter writer;
    private final BufferedWriter summary;
    private final Clock clock;

    private RunLog(Path file, BufferedWriter writer, BufferedWriter summary, Clock clock) {
        this.file = file;
        this.writer = writer;
        this.summary = summary;
        this.clock = clock;
    }

    /**
     * Opens {@code logfile.<suffix>} and points the symlink {@code logfile} at it.
     *
     * @param suffix the run's timestamp, formatted with {@code TIMESTAMP_FORMAT}
     */
    public static RunLog open(Path logfile, String suffix, Clock clock) {
        Path real = logfile.resolveSibling(logfile.getFileName() + "." + suffix);
        Path realSummary = logfile.resolveSibling(real.getFileName() + ".summary");
        try {
            Files.createDirectories(logfile.toAbsolutePath().getParent());
            BufferedWriter writer = append(real);
            BufferedWriter summary = append(realSummary);
            link(logfile, real);
            link(logfile.resolveSibling(logfile.getFileName() + ".summary"), realSummary);
            return new RunLog(real, writer, summary, clock);
        } catch (IOException e) {
            throw new LogException("cannot open the log file " + real + ": " + e.getMessage(),
                    "check LOGFILE, LOGDIR and TIMESTAMP_FORMAT (the file name must not contain '/')");
        }
    }

    /** Removes this log's files of earlier runs last modified more than {@code days} days ago. */
    public static List<Path> prune(Path logfile, int days, Clock clock) {
        Path dir = logfile.toAbsolutePath().getParent();
        String prefix = logfile.getFileName() + ".";
        Instant cutoff = clock.instant().minus(Duration.ofDays(days));
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return removed;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path old : files.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> !Files.isSymbolicLink(p)).toList()) {
                if (Files.getLastModifiedTime(old).toInstant().isBefore(cutoff)) {
                    Files.delete(old);
                    removed.add(old);
                }
            }
        } catch (IOException e) {
            throw new LogException("cannot prune old logs in " + dir + ": " + e.getMessage(),
                    "check that LOGDIR (" + dir + ") is a directory this user can write");
        }
        return removed;
    }

    private static BufferedWriter append(Path file) throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** Points {@code link} at {@code target} (a sibling), replacing an older link atomically. */
    private static void link(Path link, Path target) throws IOException {
        Path temporary = link.resolveSibling(link.getFileName() + ".tmp-link");
        Files.deleteIfExists(temporary);
        Files.createSymbolicLink(temporary, target.getFileName());
        Files.move(temporary, link, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The real file (not the symlink). */
    public Path file() {
        return file;
    }

    public synchronized void line(String text) {
        write(writer, text);
    }

    /** A summary line: in the log and in the summary log. */
    public synchronized void summaryLine(String text) {
        write(writer, text);
        write(summary, text);
    }

    private void write(BufferedWriter out, String text) {
        String stamp = LINE_STAMP.format(clock.instant());
        try {
            for (String line : text.split("\n", -1)) {
                out.write(stamp);
                out.write(" | ");
                out.write(line);
                out.newLine();
            }
            out.flush();
        } catch (IOException e) {
            throw new devstack.DevstackException(devstack.DevstackException.FAILED, "cannot write the log file "
                    + file + ": " + e.getMessage(), "check the free space of " + file.getParent());
        }
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
            summary.close();
        } catch (IOException e) {
            // Nothing left to tell the user: the run is over and every line was already flushed.
        }
    }
}
