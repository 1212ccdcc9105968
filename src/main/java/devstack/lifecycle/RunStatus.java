package devstack.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Where a run is: the phase and the plugin running now. The status line shows it, and an interrupted run says
 * where it stopped.
 */
public final class RunStatus {
    private final Clock clock;
    private final Instant start;
    private volatile String phase = "starting";
    private volatile String plugin = "";

    public RunStatus(Clock clock) {
        this.clock = clock;
        this.start = clock.instant();
    }

    void enter(Phase phase) {
        this.phase = phase.toString();
        this.plugin = "";
    }

    void running(String plugin) {
        this.plugin = plugin;
    }

    public String phase() {
        return phase;
    }

    public String plugin() {
        return plugin;
    }

    /** {@code stack install: extras.d/50-template.groovy} or just the phase between plugins. */
    public String where() {
        return plugin.isEmpty() ? phase : phase + ": " + plugin;
    }

    /** The status line's text: where, and the elapsed time. */
    public String describe() {
        Duration elapsed = Duration.between(start, clock.instant());
        return String.format(Locale.ROOT, "[%s] %.1fs", where(), elapsed.toMillis() / 1000.0);
    }
}
