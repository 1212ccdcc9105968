package devstack.testkit

import org.spockframework.runtime.extension.IAnnotationDrivenExtension
import org.spockframework.runtime.model.SpecInfo

import java.nio.channels.FileChannel
import java.nio.channels.FileLock
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardOpenOption
import java.time.Duration
import java.time.Instant
import java.util.concurrent.locks.ReentrantLock

/**
 * Holds a lock shared by the suite's JVMs (a file lock in the build directory) around a {@link MachineWide}
 * specification, from its first setup to its last cleanup, and around every look at the installed packages
 * ({@link MachinePackages#absent}), so that no spec sees another's packages half-way. Reentrant within a JVM. The
 * wait is bounded: far longer than every such spec together, a safety net only.
 */
class MachineWideExtension implements IAnnotationDrivenExtension<MachineWide> {
    static final Path LOCK = Path.of('target', 'machine-wide.lock')
    static final Duration LONGEST_WAIT = Duration.ofMinutes(30)

    private static final ReentrantLock inThisJvm = new ReentrantLock()
    private static FileChannel channel
    private static FileLock fileLock

    @Override
    void visitSpecAnnotation(MachineWide annotation, SpecInfo spec) {
        spec.addInterceptor { invocation -> hold(spec.name) { invocation.proceed() } }
    }

    /** Runs {@code work} holding the machine-wide lock. */
    static <T> T hold(String who, Closure<T> work) {
        Instant deadline = Instant.now() + LONGEST_WAIT
        if (!inThisJvm.tryLock(LONGEST_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("$who waited more than $LONGEST_WAIT for the machine-wide lock")
        }
        try {
            if (inThisJvm.holdCount == 1) {
                Files.createDirectories(LOCK.parent)
                channel = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE)
                fileLock = acquire(channel, who, deadline)
            }
            try {
                return work()
            } finally {
                if (inThisJvm.holdCount == 1) {
                    fileLock.release()
                    channel.close()
                }
            }
        } finally {
            inThisJvm.unlock()
        }
    }

    private static FileLock acquire(FileChannel channel, String who, Instant deadline) {
        while (true) {
            FileLock lock = channel.tryLock()
            if (lock != null) {
                return lock
            }
            if (Instant.now().isAfter(deadline)) {
                channel.close()
                throw new IllegalStateException("$who waited more than $LONGEST_WAIT for the machine-wide lock $LOCK")
            }
            Thread.sleep(200)
        }
    }
}
