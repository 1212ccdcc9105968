package devstack.console;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The log file of one run: {@code LOGFILE.<timestamp>}, with {@code LOGFILE} a symlink to the newest, and a UTC
 * timestamp in front of every line ({@code 2026-11-25 08:30:01.123 | text}, DevStack's outfilter format).
 */
public final class RunLog implements AutoCloseable {
    private static final DateTimeFormatter LINE_STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final Path file;
    private final BufferedWriter writer;
    private final Clock clock;

    private RunLog(Path file, BufferedWriter writer, Clock clock) {
        this.file = file;
        this.writer = writer;
        this.clock = clock;
    }

    /**
     * Opens {@code logfile.<suffix>} and points the symlink {@code logfile} at it.
     *
     * @param suffix the run's timestamp, formatted with {@code TIMESTAMP_FORMAT}
     */
    public static RunLog open(Path logfile, String suffix, Clock clock) {
        Path real = logfile.resolveSibling(logfile.getFileName() + "." + suffix);
        try {
            Files.createDirectories(logfile.toAbsolutePath().getParent());
            BufferedWriter writer = Files.newBufferedWriter(real, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Path link = logfile.resolveSibling(logfile.getFileName() + ".tmp-link");
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, real.getFileName());
            Files.move(link, logfile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return new RunLog(real, writer, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the log file " + real + ": " + e.getMessage(), e);
        }
    }

    /** The real file (not the symlink). */
    public Path file() {
        return file;
    }

    public synchronized void line(String text) {
        String stamp = LINE_STAMP.format(clock.instant());
        try {
            for (String line : text.split("\n", -1)) {
                writer.write(stamp);
                writer.write(" | ");
                writer.write(line);
                writer.newLine();
            }
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the log file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (IOException e) {
            // Nothing left to tell the user: the run is over and every line was already flushed.
        }
    }
}
