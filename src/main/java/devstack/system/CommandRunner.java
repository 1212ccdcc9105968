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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Runs commands: arguments are passed as a list, never through a shell, unless the caller asks for one with
 * {@link #sh}. Standard input is empty (a run is non-interactive); every output line goes to the log (and to the
 * console when verbose); a non-zero exit fails with the command, its code and its last lines.
 */
public final class CommandRunner implements Machine.Commands {
    /** How many output lines a failure report shows. */
    static final int LAST_LINES = 20;

    private final Console console;
    /** The commands running now, so that an interrupted run can stop the step it was in. */
    private final java.util.Set<Process> running = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public CommandRunner(Console console) {
        this.console = console;
    }

    /**
     * Output lines that a person must see even when the command's output is not shown (a tool waiting for a lock):
     * each line matching {@code pattern} is shown once per command, with {@code prefix}.
     */
    public void notice(Pattern pattern, String prefix) {
        notices.add(new Notice(pattern, prefix));
    }

    private record Notice(Pattern pattern, String prefix) {
    }

    private final List<Notice> notices = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Runs argv with extra environment variables and returns whatever happened; only a failure to start throws. */
    @Override
    public CommandResult run(List<String> argv, Map<String, String> environment) {
        return execute(argv, environment);
    }

    /**
     * Reads what a command prints, byte for byte and without logging it (a file read through sudo must neither
     * reach the console nor lose its line endings). The command itself is logged.
     */
    @Override
    public byte[] readBytes(List<String> argv) {
        Process process = start(argv, Map.of());
        try {
            Deque<String> errors = new ArrayDeque<>();
            Thread stderr = reader(process.getErrorStream(), line -> remember(errors, line,
                    ConcurrentHashMap.newKeySet()));
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

    /** Runs a command that only reads: here, exactly as {@link #run}. */
    @Override
    public CommandResult query(List<String> argv, Map<String, String> environment) {
        return execute(argv, environment);
    }

    private CommandResult execute(List<String> argv, Map<String, String> environment) {
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
    @Override
    public void stopRunning() {
        for (Process process : running) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
    }

    private CommandResult collect(List<String> argv, Process process) {
        Deque<String> tail = new ArrayDeque<>();
        StringBuilder stdout = new StringBuilder();
        Set<Notice> shown = ConcurrentHashMap.newKeySet();
        Thread errors = reader(process.getErrorStream(), line -> remember(tail, line, shown));
        Thread output = reader(process.getInputStream(), line -> {
            stdout.append(line).append('\n');
            remember(tail, line, shown);
        });
        try {
            output.join();
            errors.join();
            int code = process.waitFor();
            return new CommandResult(code, stripTrailingNewlines(stdout), new ArrayList<>(tail));
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            Thread.currentThread().interrupt();
            throw new CommandFailedException(String.join(" ", argv), 130, List.of("interrupted"));
        }
    }

    /** Logs a line and keeps it for the failure report; a notice is shown once per command ({@code shown}). */
    private void remember(Deque<String> tail, String line, Set<Notice> shown) {
        console.detail(line);
        for (Notice notice : notices) {
            if (notice.pattern().matcher(line).find() && shown.add(notice)) {
                console.summary(notice.prefix() + line.strip());
            }
        }
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
