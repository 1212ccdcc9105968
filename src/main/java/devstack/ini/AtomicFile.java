package devstack.ini;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * Replaces a file's content atomically: readers see either the old file or the
 * new one, never a half-written one, and a failed write leaves the old file as
 * it was.
 *
 * <p>The content goes to a temporary file in the same directory (a rename is
 * only atomic within one file system), which then takes the original's mode,
 * and is renamed over the original.
 */
public final class AtomicFile {

    /** Mode of a file that did not exist before: what {@code tee} gives under the usual umask 022. */
    static final int DEFAULT_MODE = 0644;

    private AtomicFile() {
    }

    /** Writes {@code content} as UTF-8 to {@code file}, atomically. */
    public static void write(Path file, String content) {
        write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes {@code content} to {@code file}, atomically.
     *
     * @throws IniException if the directory is missing or not writable, or the
     *         file cannot be replaced; the original file is then unchanged
     */
    public static void write(Path file, byte[] content) {
        write(file, content, null);
    }

    /**
     * Writes {@code content} to {@code file}, atomically, with {@code mode} (every bit, setuid, setgid and sticky
     * included; null: the original's, or 0644). The mode is set before the rename, so the file never exists with
     * another one.
     */
    public static void write(Path file, byte[] content, Integer mode) {
        Path target = resolveLink(file);
        Path dir = target.toAbsolutePath().getParent();
        // Creating directories is the caller's decision (DevStack's iniset does not create them either).
        if (!Files.isDirectory(dir)) {
            String problem = Files.exists(dir) ? dir + " is not a directory"
                    : "directory " + dir + " does not exist; create it first";
            throw new IniException("cannot write " + file + ": " + problem);
        }
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                // Without this a crash right after the rename could leave an empty file.
                out.force(true);
            }
            copyAttributes(target, temp, mode);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp, e);
            throw new IniException("cannot write " + file + ": " + describe(e)
                    + "; check that " + dir + " is writable and " + file + " is a regular file", e);
        }
    }

    /**
     * Follows a symbolic link to the file it points at, so that a linked config
     * file is updated rather than replaced by a regular file.
     */
    private static Path resolveLink(Path file) {
        if (Files.isSymbolicLink(file) && Files.exists(file)) {
            try {
                return file.toRealPath();
            } catch (IOException e) {
                throw new IniException("cannot write " + file + ": cannot follow the symbolic link: "
                        + describe(e), e);
            }
        }
        return file;
    }

    /**
     * Gives the temporary file the original's owner and group where we may, so a root-run edit of a service's
     * config does not take it away from the service, then its mode: every bit of it (chown clears setuid and
     * setgid, so the mode comes last), {@code mode} instead when given, 0644 for a new file.
     */
    private static void copyAttributes(Path original, Path temp, Integer mode) throws IOException {
        PosixFileAttributeView tempView = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
        if (tempView == null) {
            return; // not a POSIX file system: nothing to copy
        }
        int bits = DEFAULT_MODE;
        if (Files.exists(original)) {
            PosixFileAttributes attributes = Files.readAttributes(original, PosixFileAttributes.class);
            PosixFileAttributes mine = tempView.readAttributes();
            setQuietly(mine.group(), attributes.group(), tempView::setGroup);
            setQuietly(mine.owner(), attributes.owner(), tempView::setOwner);
            bits = (Integer) Files.getAttribute(original, "unix:mode") & 07777;
        }
        Files.setAttribute(temp, "unix:mode", mode == null ? bits : mode & 07777);
    }

    private interface Setter<T> {
        void set(T value) throws IOException;
    }

    /** Only root may give a file away: for anyone else a different owner stays best effort. */
    private static <T> void setQuietly(T current, T wanted, Setter<T> setter) {
        if (current.equals(wanted)) {
            return;
        }
        try {
            setter.set(wanted);
        } catch (IOException | SecurityException e) {
            // Keep our own owner/group: refusing the write would be worse than this.
        }
    }

    private static void deleteQuietly(Path temp, Exception failure) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** The exception class alone ("AccessDeniedException: /x") tells a user more than its bare message. */
    private static String describe(Exception e) {
        String name = e.getClass().getSimpleName();
        return e.getMessage() == null ? name : name + ": " + e.getMessage();
    }
}
