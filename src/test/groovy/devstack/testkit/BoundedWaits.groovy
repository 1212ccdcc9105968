package devstack.testkit

import java.util.concurrent.TimeUnit

/**
 * Every wait of the specs is bounded: {@code process.exitCode()} waits for a process at most ten minutes (a
 * generous safety net on a busy machine, never a deadline for real work) and fails the spec, naming the process,
 * when it has not ended by then. {@code Process.waitFor()} without a timeout is not used.
 */
class BoundedWaits {
    static final long MINUTES = 10

    static int exitCode(Process process) {
        if (!process.waitFor(MINUTES, TimeUnit.MINUTES)) {
            String command = process.info().commandLine().orElse("pid ${process.pid()}")
            process.destroyForcibly()
            throw new AssertionError("$command did not end within $MINUTES minutes")
        }
        process.exitValue()
    }
}
