package devstack.console;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Every line a person reads: summary lines on stdout, warnings and errors on stderr, command output on stdout
 * only when {@code VERBOSE=True}; all of them also in the run log once it is open, secrets masked everywhere.
 *
 * <p>Everything that reaches the terminal (lines and the status line) is written under this object's lock, so
 * that no two writers split a line. A log line that cannot be written ends the run: the failure is raised once,
 * in the run's own thread (the one that opened the log) at the line it was writing, never in another thread.
 */
public final class Console {
    private final PrintWriter out;
    private final PrintWriter err;
    private volatile SecretMask mask = SecretMask.none();
    private volatile RunLog log;
    /** The thread that runs the lifecycle: the only one a log failure is raised in. */
    private volatile Thread runThread;
    private boolean logFailureRaised;
    /** The run is being reported: a log failure is only mentioned from now on, never raised. */
    private boolean reporting;
    /** After the report of an interrupt, nothing more reaches the terminal (the log still gets every line). */
    private boolean silenced;
    private volatile boolean verbose;
    private StatusLine statusLine;
    private final List<String> deprecations = new ArrayList<>();

    public Console(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    public void useMask(SecretMask mask) {
        this.mask = mask;
    }

    public void setVerbose(boolean verbose) {
        this.verbose = verbose;
    }

    /** Shows a live status line under the printed lines (only on a terminal). */
    public synchronized void useStatusLine(StatusLine statusLine) {
        this.statusLine = statusLine;
        statusLine.start(this);
    }

    /** Removes the status line for good, at the end of the run; under the lock, so no line is being printed. */
    public synchronized void endStatusLine() {
        if (statusLine != null) {
            statusLine.stop();
            statusLine = null;
        }
    }

    /** From now on every line also goes to this log; a failure to write it is raised in the calling thread. */
    public void useLog(RunLog log) {
        this.runThread = Thread.currentThread();
        this.log = log;
    }

    public RunLog log() {
        return log;
    }

    /** Why the log could not be written, if it could not: the log stops there. */
    public Optional<LogWriteException> logFailure() {
        RunLog current = log;
        return current == null ? Optional.empty() : current.failure();
    }

    /** The run is being reported: from now on a log that cannot be written is no longer raised. */
    public synchronized void reporting() {
        reporting = true;
    }

    /** A line with every secret hidden, for files the console does not write itself. */
    public String masked(String line) {
        return mask.apply(line);
    }

    /** echo_summary: one line that says what the run is doing. */
    public void summary(String message) {
        String masked = mask.apply(message);
        printLine(out, masked);
        toLog(masked, true);
    }

    /** A line for the console only, never the log (echo_nolog). */
    public void noLog(String message) {
        printLine(out, mask.apply(message));
    }

    /** Detail: always in the log, on the console only when verbose (command output, helper traces). */
    public void detail(String message) {
        String masked = mask.apply(message);
        if (verbose) {
            printLine(out, masked);
        }
        toLog(masked, false);
    }

    /** A line for the log file only (stack traces of failures), never the console. */
    public void logOnly(String message) {
        toLog(mask.apply(message), false);
    }

    public void warn(String message) {
        print(err, "[WARNING] " + message);
    }

    /** deprecated: warns now and again at the end of the run, where it is not lost in the output. */
    public void deprecated(String message) {
        print(err, "WARNING: " + message);
        synchronized (deprecations) {
            deprecations.add(message);
        }
    }

    /** Repeats every deprecation warning of the run, once each, in order. */
    public void repeatDeprecations() {
        List<String> repeated;
        synchronized (deprecations) {
            repeated = deprecations.stream().distinct().toList();
        }
        repeated.forEach(message -> print(err, "WARNING: " + message));
    }

    public void error(String message) {
        print(err, "[ERROR] " + message);
    }

    /** A line on stderr without a prefix (continuation of an error report). */
    public void errorDetail(String message) {
        print(err, message);
    }

    /**
     * The last lines the terminal shows, for the report of an interrupted run: the status line goes, the lines of
     * {@code report} are printed as one block no other thread's line can split, and from then on nothing more
     * reaches the terminal; the log still gets every line.
     */
    public synchronized void lastWords(Consumer<Console> report) {
        endStatusLine();
        report.accept(this);
        silenced = true;
    }

    private void print(PrintWriter stream, String message) {
        String masked = mask.apply(message);
        printLine(stream, masked);
        toLog(masked, false);
    }

    private void toLog(String masked, boolean summary) {
        RunLog current = log;
        if (current == null) {
            return;
        }
        if (summary) {
            current.summaryLine(masked);
        } else {
            current.line(masked);
        }
        current.failure().ifPresent(this::raiseOnce);
    }

    /** Raises a log failure in the run's thread, once, unless the run is already being reported. */
    private void raiseOnce(LogWriteException failure) {
        if (Thread.currentThread() != runThread) {
            return;
        }
        synchronized (this) {
            if (logFailureRaised || reporting) {
                return;
            }
            logFailureRaised = true;
        }
        // Made here, so that its stack trace says where the run was (the plugin line, for the failure card).
        throw new LogWriteException(failure);
    }

    /** Prints one line above the status line, if there is one. */
    private synchronized void printLine(PrintWriter stream, String line) {
        if (silenced) {
            return;
        }
        if (statusLine != null) {
            statusLine.clear();
        }
        stream.println(line);
        stream.flush();
        if (statusLine != null) {
            statusLine.redraw();
        }
    }

    /** Draws the status line again: the status line's own ticker calls it, under this lock like every line. */
    synchronized void redrawStatusLine(StatusLine line) {
        if (statusLine == line && !silenced) {
            line.redraw();
        }
    }
}
