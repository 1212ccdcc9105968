package devstack.console;

import java.io.PrintWriter;
import java.util.function.Supplier;

/**
 * A live status line at the bottom of a terminal (phase, plugin, elapsed time), redrawn a few times a second.
 * The console clears it before printing a line and draws it again after, so lines scroll above it. Every write of
 * it happens under the console's lock (its ticker too), so a line and the status line never mix.
 */
public final class StatusLine {
    private static final String CLEAR = "\r\033[K";

    private final PrintWriter out;
    private final Supplier<String> text;
    private Thread ticker;
    private boolean shown;

    public StatusLine(PrintWriter out, Supplier<String> text) {
        this.out = out;
        this.text = text;
    }

    /** Starts redrawing the line through {@code console}, which takes its lock for each redraw. */
    synchronized void start(Console console) {
        ticker = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    console.redrawStatusLine(this);
                    Thread.sleep(250);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "status-line");
        ticker.setDaemon(true);
        ticker.start();
    }

    synchronized void stop() {
        if (ticker != null) {
            ticker.interrupt();
            ticker = null;
        }
        clear();
    }

    /** Removes the line so that a normal line can be printed in its place. */
    synchronized void clear() {
        if (shown) {
            out.print(CLEAR);
            out.flush();
            shown = false;
        }
    }

    /** Draws the line again (after a normal line was printed). */
    synchronized void redraw() {
        if (ticker == null) {
            return;
        }
        out.print(CLEAR + text.get());
        out.flush();
        shown = true;
    }
}
