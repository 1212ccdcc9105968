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

    /** From now on every line also goes to this log. */
    public void useLog(RunLog log) {
        this.log = log;
    }

    public RunLog log() {
        return log;
    }

    /** echo_summary: one line that says what the run is doing. */
    public void summary(String message) {
        print(out, message);
    }

    /** A line for the console only, never the log (echo_nolog). */
    public void noLog(String message) {
        out.println(mask.apply(message));
        out.flush();
    }

    /** Detail: always in the log, on the console only when verbose (command output, helper traces). */
    public void detail(String message) {
        String masked = mask.apply(message);
        if (log != null) {
            log.line(masked);
        }
        if (verbose) {
            out.println(masked);
            out.flush();
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
        stream.println(masked);
        stream.flush();
    }
}
