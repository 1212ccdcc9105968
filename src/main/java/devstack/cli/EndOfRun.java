package devstack.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Who tells the user how a run ended: the run itself (it completed or failed) or the interrupt (Ctrl-C, a kill),
 * which comes in a thread of its own while the run goes on. The first to claim the report makes it; the other
 * stays silent, so there is exactly one.
 */
final class EndOfRun {
    private final CountDownLatch interrupted = new CountDownLatch(1);
    private boolean claimed;

    /** True for the first caller only. */
    synchronized boolean claim() {
        if (claimed) {
            return false;
        }
        claimed = true;
        return true;
    }

    /** The interrupt has begun: it claims the report unless the run already has, and wakes a run waiting for it. */
    boolean claimForInterrupt() {
        boolean mine = claim();
        interrupted.countDown();
        return mine;
    }

    /** Waits up to {@code grace} for an interrupt to begin; returns at once if one has. */
    void awaitInterrupt(Duration grace) {
        try {
            interrupted.await(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
