package devstack.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named timers whose totals appear in the timing table at the end of stack, as DevStack's {@code time_start} and
 * {@code time_stop} do. A timer may run many times; its total is the sum of its runs.
 */
public final class Timers {
    private final Clock clock;
    private final Map<String, Instant> running = new LinkedHashMap<>();
    private final Map<String, Duration> totals = new LinkedHashMap<>();

    public Timers(Clock clock) {
        this.clock = clock;
    }

    /** Starts {@code name}; starting a running timer is an error, as in DevStack. */
    public synchronized void start(String name) {
        if (running.containsKey(name)) {
            throw new IllegalStateException("timer " + name + " is already running");
        }
        running.put(name, clock.instant());
    }

    /** Stops {@code name} and adds the time since its start to its total. */
    public synchronized void stop(String name) {
        Instant started = running.remove(name);
        if (started == null) {
            throw new IllegalStateException("timer " + name + " was not started");
        }
        add(name, Duration.between(started, clock.instant()));
    }

    /** Adds a measured duration to a timer's total (for work the host times itself). */
    public synchronized void add(String name, Duration duration) {
        totals.merge(name, duration, Duration::plus);
    }

    /** Every timer's total, in the order the timers first ran. */
    public synchronized Map<String, Duration> totals() {
        return new LinkedHashMap<>(totals);
    }
}
