package devstack.system;

import devstack.DevstackException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One run at a time per DEST: a lock file in DEST holding the pid of the run that owns it (not in SERVICE_DIR,
 * which clean removes while it holds the lock). A second run is
 * refused (exit 2) with that pid. The operating system drops the lock when the owner dies, so a killed run
 * never leaves a stale lock behind.
 */
public final class RunLock implements AutoCloseable {
    public static final String FILE_NAME = ".devstack.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static RunLock acquire(Path dest) {
        Path file = dest.resolve(FILE_NAME);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new DevstackException(DevstackException.BAD_INPUT, "cannot create the lock file " + file + ": "
                    + e.getMessage(), "make DEST (" + dest + ") writable for this user");
        }
        try {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String owner = Files.readString(file, StandardCharsets.UTF_8).trim();
                channel.close();
                throw new DevstackException(DevstackException.BAD_INPUT, "another run (pid "
                        + (owner.isEmpty() ? "unknown" : owner) + ") is using " + dest,
                        "wait for it to finish, or stop it, then try again");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
            return new RunLock(channel, lock);
        } catch (IOException e) {
            throw new DevstackException(DevstackException.FAILED, "cannot lock " + file + ": " + e.getMessage());
        }
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
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // Closing the channel is what releases the lock; the process exit does it at the latest.
        }
    }
}
