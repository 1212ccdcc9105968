package devstack.console;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The log files of one run: {@code LOGFILE.<timestamp>} with every line, and {@code LOGFILE.<timestamp>.summary}
 * with the summary lines only; {@code LOGFILE} and {@code LOGFILE.summary} are symlinks to the newest. Every line
 * starts with a UTC timestamp ({@code 2026-11-25 08:30:01.123 | text}, DevStack's outfilter format). Files of
 * earlier runs older than {@code LOGDAYS} days are removed when a run starts.
 *
 * <p>The files are created 0640 (owner and group, never others: the log holds every command line and its output,
 * and masking hides only what it knows to be secret). A line that cannot be written (a full disk) never throws
 * here, in whatever thread it was written: the log remembers the first such failure and writes nothing more, and
 * the {@link Console} reports it once, in the run's own thread.
 */
public final class RunLog implements AutoCloseable {
    private static final DateTimeFormatter LINE_STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final Path file;
    private final BufferedWriter writer;
    private final BufferedWriter summary;
    private final Clock clock;
    /** Why the log could not be written, once it could not; null while it can. */
    private LogWriteException failure;

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

    /** Owner and group may read a new log file, others may not. */
    static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rw-r-----");

    private static BufferedWriter append(Path file) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(MODE));
            } catch (FileAlreadyExistsException e) {
                // Another run with the same timestamp made it a moment ago: append to it, as DevStack's tee would.
            }
        }
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
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
        write(writer, file, text);
    }

    /** A summary line: in the log and in the summary log. */
    public synchronized void summaryLine(String text) {
        write(writer, file, text);
        write(summary, summaryFile(), text);
    }

    /** Why a line could not be written, once one could not; the log has written nothing since. */
    public synchronized Optional<LogWriteException> failure() {
        return Optional.ofNullable(failure);
    }

    private Path summaryFile() {
        return file.resolveSibling(file.getFileName() + ".summary");
    }

    private void write(BufferedWriter out, Path target, String text) {
        if (failure != null) {
            return;
        }
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
            failure = new LogWriteException(target, e);
            closeQuietly();
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        for (BufferedWriter out : List.of(writer, summary)) {
            try {
                out.close();
            } catch (IOException e) {
                // Every line was flushed when it was written, or its failure is already recorded.
            }
        }
    }
}
