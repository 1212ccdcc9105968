package devstack.console;

import java.io.PrintWriter;

/**
 * Every line a person reads: summary lines on stdout, warnings and errors on stderr, command output on stdout
 * only when {@code VERBOSE=True}; all of them also in the run log once it is open, secrets masked everywhere.
 */
public final class Console {
    private final PrintWriter out;
    private final PrintWriter err;
    private SecretMask mask = SecretMask.none();
    private RunLog log;
    private boolean verbose;
    private StatusLine statusLine;
    private final java.util.List<String> deprecations = new java.util.ArrayList<>();

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
    public void useStatusLine(StatusLine statusLine) {
        this.statusLine = statusLine;
        statusLine.start();
    }

    /** Removes the status line for good, at the end of the run. */
    public void endStatusLine() {
        if (statusLine != null) {
            statusLine.stop();
            statusLine = null;
        }
    }

    /** From now on every line also goes to this log. */
    public void useLog(RunLog log) {
        this.log = log;
    }

    public RunLog log() {
        return log;
    }

    /** A line with every secret hidden, for files the console does not write itself. */
    public String masked(String line) {
        return mask.apply(line);
    }

    /** echo_summary: one line that says what the run is doing. */
    public void summary(String message) {
        String masked = mask.apply(message);
        if (log != null) {
            log.summaryLine(masked);
        }
        printLine(out, masked);
    }

    /** A line for the console only, never the log (echo_nolog). */
    public void noLog(String message) {
        printLine(out, mask.apply(message));
    }

    /** Detail: always in the log, on the console only when verbose (command output, helper traces). */
    public void detail(String message) {
        String masked = mask.apply(message);
        if (log != null) {
            log.line(masked);
        }
        if (verbose) {
            printLine(out, masked);
        }
    }

    /** A line for the log file only (stack traces of failures), never the console. */
    public void logOnly(String message) {
        if (log != null) {
            log.line(mask.apply(message));
        }
    }

    public void warn(String message) {
        print(err, "[WARNING] " + message);
    }

    /** deprecated: warns now and again at the end of the run, where it is not lost in the output. */
    public void deprecated(String message) {
        print(err, "WARNING: " + message);
        deprecations.add(message);
    }

    /** Repeats every deprecation warning of the run, once each, in order. */
    public void repeatDeprecations() {
        deprecations.stream().distinct().forEach(message -> print(err, "WARNING: " + message));
    }

    public void error(String message) {
        print(err, "[ERROR] " + message);
    }

    /** A line on stderr without a prefix (continuation of an error report). */
    public void errorDetail(String message) {
        print(err, message);
    }

    private void print(PrintWriter stream, String message) {
        String masked = mask.apply(message);
        if (log != null) {
            log.line(masked);
        }
        printLine(stream, masked);
    }

    /** Prints one line above the status line, if there is one. */
    private synchronized void printLine(PrintWriter stream, String line) {
        if (statusLine != null) {
            statusLine.clear();
        }
        stream.println(line);
        stream.flush();
        if (statusLine != null) {
            statusLine.redraw();
        }
    }
}
