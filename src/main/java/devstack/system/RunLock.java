package devstack.system;

import devstack.DevstackException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One run at a time per DEST and per SERVICE_DIR: a lock file in DEST ({@code .devstack.lock}, not in SERVICE_DIR,
 * which clean removes while it holds the lock), and one beside SERVICE_DIR ({@code .status.devstack.lock} for
 * {@code $DEST/status}), so that two DESTs sharing a SERVICE_DIR never run at once either. Each holds the pid of the
 * run that owns it; a second run is refused (exit 2) with that pid. The operating system drops a lock when its
 * owner dies, so a killed run never leaves a stale lock behind.
 *
 * <p>The run is often root in a directory another user owns: a lock file is never opened through a symbolic link,
 * and one that is not a regular file is refused, so that nobody can make root truncate a file of their choice.
 */
public final class RunLock implements AutoCloseable {
    public static final String FILE_NAME = ".devstack.lock";

    private final List<Held> held;

    private record Held(FileChannel channel, FileLock lock) {
    }

    private RunLock(List<Held> held) {
        this.held = held;
    }

    /** Locks DEST and SERVICE_DIR (an empty SERVICE_DIR: DEST only). */
    public static RunLock acquire(Path dest, Path serviceDir) {
        List<Held> held = new ArrayList<>();
        try {
            held.add(lock(dest.resolve(FILE_NAME), "DEST", dest));
            Path parent = serviceDir.toString().isEmpty() ? null : serviceDir.toAbsolutePath().getParent();
            if (parent != null && serviceDir.getFileName() != null && Files.isDirectory(parent)) {
                held.add(lock(parent.resolve("." + serviceDir.getFileName() + ".devstack.lock"), "SERVICE_DIR",
                        serviceDir));
            }
            return new RunLock(held);
        } catch (RuntimeException e) {
            new RunLock(held).close();
            throw e;
        }
    }

    /** Locks DEST only. */
    public static RunLock acquire(Path dest) {
        return acquire(dest, Path.of(""));
    }

    private static Held lock(Path file, String setting, Path locked) {
        if (Files.isSymbolicLink(file) || Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new DevstackException(DevstackException.BAD_INPUT, "the lock file " + file + " is not a regular "
                    + "file" + (Files.isSymbolicLink(file) ? " (it is a symbolic link)" : "") + "; it was not opened",
                    "remove it (rm " + file + "); devstack creates its lock files itself");
        }
        FileChannel channel;
        try {
            // NOFOLLOW_LINKS: a symbolic link planted after the check above still fails to open.
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new DevstackException(DevstackException.BAD_INPUT, "cannot create the lock file " + file + ": "
                    + e.getMessage(), "make " + file.getParent() + " writable for this user, or set " + setting
                    + " elsewhere");
        }
        try {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String owner = owner(channel);
                channel.close();
                throw new DevstackException(DevstackException.BAD_INPUT, "another run (pid "
                        + (owner.isEmpty() ? "unknown" : owner) + ") is using " + setting + " " + locked,
                        "wait for it to finish, or stop it, then try again");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)),
                    0);
            channel.force(true);
            return new Held(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new DevstackException(DevstackException.FAILED, "cannot lock " + file + ": " + e.getMessage());
        }
    }

    /** The pid the owner wrote, read through the open channel (never through the path again). */
    private static String owner(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).trim();
    }

    /** The lock, or null when another process (or another run in this JVM) holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    @Override
    public void close() {
        for (Held h : held) {
            try {
                h.lock().release();
            } catch (IOException e) {
                // Closing the channel releases it too; the process exit does it at the latest.
            }
            closeQuietly(h.channel());
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing to do: the lock goes with the channel or with the process.
        }
    }
}
