package devstack.system;

import devstack.console.Console;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs commands: arguments are passed as a list, never through a shell, unless the caller asks for one with
 * {@link #sh}. Standard input is empty (a run is non-interactive); every output line goes to the log (and to the
 * console when verbose); a non-zero exit fails with the command, its code and its last lines.
 */
public final class CommandRunner {
    /** How many output lines a failure report shows. */
    static final int LAST_LINES = 20;

    private final Console console;
    private final DryRun dryRun;
    /** The commands running now, so that an interrupted run can stop the step it was in. */
    private final java.util.Set<Process> running = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public CommandRunner(Console console) {
        this(console, null);
    }

    /** With {@code dryRun} non-null, commands that change the machine are printed, not run. */
    public CommandRunner(Console console, DryRun dryRun) {
        this.console = console;
        this.dryRun = dryRun;
    }

    /** The dry run this runner reports to, or null for a real run. */
    public DryRun dryRun() {
        return dryRun;
    }

    /** The outcome of a command that ran to the end. */
    public record Result(int exitCode, String stdout, List<String> lastLines) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** Runs a command line with the system shell and returns its standard output; fails on a non-zero exit. */
    public String sh(String command) {
        return sh(command, Map.of());
    }

    /** {@link #sh(String)} with extra environment variables. */
    public String sh(String command, Map<String, String> environment) {
        return check(List.of("/bin/sh", "-c", command), command, run(List.of("/bin/sh", "-c", command), environment));
    }

    /** Runs argv with extra environment variables; fails on a non-zero exit; returns standard output. */
    public String checked(List<String> argv, Map<String, String> environment) {
        return check(argv, String.join(" ", argv), run(argv, environment));
    }

    /** Runs argv; fails on a non-zero exit; returns standard output. */
    public String checked(List<String> argv) {
        return check(argv, String.join(" ", argv), run(argv, Map.of()));
    }

    private static String check(List<String> argv, String shown, Result result) {
        if (!result.succeeded()) {
            throw new CommandFailedException(shown, result.exitCode(), result.lastLines());
        }
        return result.stdout();
    }

    /**
     * Runs argv with extra environment variables and returns whatever happened; only a failure to start throws.
     * In a dry run the command is printed and "succeeds" with no output.
     */
    public Result run(List<String> argv, Map<String, String> environment) {
        if (dryRun != null) {
            dryRun.wouldRun(argv);
            return new Result(0, "", List.of());
        }
        return execute(argv, environment);
    }

    /** Runs a command that only reads (a package query, a file read): it runs in a dry run too. */
    public Result query(List<String> argv) {
        return execute(argv, Map.of());
    }

    /**
     * Reads what a command prints, byte for byte and without logging it (a file read through sudo must neither
     * reach the console nor lose its line endings). The command itself is logged. Runs in a dry run too.
     */
    public byte[] readBytes(List<String> argv) {
        Process process = start(argv, Map.of());
        try {
            Deque<String> errors = new ArrayDeque<>();
            Thread stderr = reader(process.getErrorStream(), line -> remember(errors, line));
            byte[] output = process.getInputStream().readAllBytes();
            stderr.join();
            int code = process.waitFor();
            if (code != 0) {
                throw new CommandFailedException(String.join(" ", argv), code, new ArrayList<>(errors));
            }
            return output;
        } catch (IOException e) {
            throw new CommandFailedException(String.join(" ", argv), 1,
                    List.of("(output lost: " + e.getMessage() + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException(String.join(" ", argv), 130, List.of("interrupted"));
        } finally {
            running.remove(process);
        }
    }

    /** {@link #query(List)} with extra environment variables. */
    public Result query(List<String> argv, Map<String, String> environment) {
        return execute(argv, environment);
    }

    private Result execute(List<String> argv, Map<String, String> environment) {
        Process process = start(argv, environment);
        try {
            return collect(argv, process);
        } finally {
            running.remove(process);
        }
    }

    /** Logs and starts a command with empty stdin, and registers it as running; exit code 127 if it cannot start. */
    private Process start(List<String> argv, Map<String, String> environment) {
        console.detail("+ " + String.join(" ", argv));
        ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(devNull()));
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            running.add(process);
            return process;
        } catch (IOException e) {
            throw new CommandFailedException(String.join(" ", argv), 127,
                    List.of(argv.get(0) + ": command not found or not executable (" + e.getMessage() + ")"));
        }
    }

    /**
     * Stops the commands running now and what they started (not the services of run_process, which live in
     * sessions of their own): an interrupted run stops the step it was in.
     */
    public void stopRunning() {
        for (Process process : running) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
    }

    private Result collect(List<String> argv, Process process) {
        Deque<String> tail = new ArrayDeque<>();
        StringBuilder stdout = new StringBuilder();
        Thread errors = reader(process.getErrorStream(), line -> remember(tail, line));
        Thread output = reader(process.getInputStream(), line -> {
            stdout.append(line).append('\n');
            remember(tail, line);
        });
        try {
            output.join();
            errors.join();
            int code = process.waitFor();
            return new Result(code, stripTrailingNewlines(stdout), new ArrayList<>(tail));
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            Thread.currentThread().interrupt();
            throw new CommandFailedException(String.join(" ", argv), 130, List.of("interrupted"));
        }
    }

    private void remember(Deque<String> tail, String line) {
        console.detail(line);
        synchronized (tail) {
            tail.addLast(line);
            if (tail.size() > LAST_LINES) {
                tail.removeFirst();
            }
        }
    }

    /** Reads a stream line by line in a thread of its own, so that stdout and stderr never block each other. */
    private static Thread reader(InputStream stream, Consumer<String> sink) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                sink.accept("(output lost: " + e.getMessage() + ")");
            }
        }, "command-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static String stripTrailingNewlines(CharSequence text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '\n') {
            end--;
        }
        return text.subSequence(0, end).toString();
    }

    private static java.io.File devNull() {
        return new java.io.File("/dev/null");
    }
}
