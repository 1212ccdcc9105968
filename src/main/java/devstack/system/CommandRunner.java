package devstack.system;

import devstack.DevstackException;
import devstack.console.Console;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Pattern;

/**
 * Runs commands: arguments are passed as a list, never through a shell, unless the caller asks for one with
 * {@link #sh}. Standard input is empty (a run is non-interactive); every output line goes to the log (and to the
 * console when verbose); a non-zero exit fails with the command, its code and its last lines.
 *
 * <p><b>The order of output lines.</b> Only a pipe keeps the order in which a program wrote: the kernel appends
 * each write to it in turn. Once stdout and stderr are two pipes, which write came first is lost for good: when
 * both hold lines by the time anything reads them, no reader (two threads, one thread polling both, time stamps
 * taken on reading) can tell. Keeping stdout apart while merging both in order would need the kernel to copy each
 * write of fd 1 to two places; {@code tee} and every other relay copy it later, which reorders it against fd 2
 * again, and a pty merges the two like a pipe does. So there are two ways to run a command:
 *
 * <ul>
 *   <li>{@link #effect}: stdout and stderr share ONE pipe ({@code 2>&1}), so the log and a failure's last lines are
 *       exactly in the order the command wrote them. What the command printed is then one text; the host's own
 *       steps run this way (package installs, {@code local.sh}, and everything through {@link #checked}), as
 *       DevStack runs a plain command with both streams going to its log.</li>
 *   <li>{@link #run} and {@link #query}: two pipes, because the caller wants stdout as a value ({@code sh}'s
 *       return value, DevStack's {@code $(cmd)}). Lines are ordered as they reached the host: each pipe has a
 *       reader thread that only hands its lines to one queue, and the calling thread takes them from there and is
 *       the only one that writes them to the log, the console and the last lines (so these three agree, and no
 *       background thread ever writes the log). Lines written at the same instant on both streams may still come
 *       in either order; that is the price of having stdout apart.</li>
 * </ul>
 *
 * <p>Once the run is interrupted ({@link #stopRunning}), no command starts any more: every later call fails at
 * once with {@link RunInterruptedException}.
 */
public final class CommandRunner implements Machine.Commands {
    /** How many output lines a failure report shows. */
    static final int LAST_LINES = 20;

    private final Console console;
    /** Guards {@link #stopped} and {@link #running} together, so that no command starts once the run is stopped. */
    private final Object starting = new Object();
    /** The commands running now, so that an interrupted run can stop the step it was in. */
    private final Set<Process> running = new HashSet<>();
    private boolean stopped;

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
        return execute(argv, environment, false);
    }

    /** {@link #run} with stdout and stderr in one pipe: its output in exactly the order it was written. */
    @Override
    public CommandResult effect(List<String> argv, Map<String, String> environment) {
        return execute(argv, environment, true);
    }

    /** Runs a command that only reads: here, exactly as {@link #run}. */
    @Override
    public CommandResult query(List<String> argv, Map<String, String> environment) {
        return execute(argv, environment, false);
    }

    /**
     * Reads what a command prints, byte for byte and without logging it (a file read through sudo must neither
     * reach the console nor lose its line endings). The command and its stderr are logged.
     */
    @Override
    public byte[] readBytes(List<String> argv) {
        Process process = start(argv, Map.of(), false);
        try {
            List<String> errors = new ArrayList<>();
            Thread stderr = reader(process.getErrorStream(), line -> {
                synchronized (errors) {
                    errors.add(line);
                }
            });
            byte[] output = process.getInputStream().readAllBytes();
            stderr.join();
            int code = process.waitFor();
            List<String> lines;
            synchronized (errors) {
                lines = List.copyOf(errors);
            }
            lines.forEach(console::detail);
            if (code != 0) {
                throw new CommandFailedException(String.join(" ", argv), code, lastOf(lines));
            }
            return output;
        } catch (IOException e) {
            throw new CommandFailedException(String.join(" ", argv), 1,
                    List.of("(output lost: " + e.getMessage() + ")"));
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new CommandFailedException(String.join(" ", argv), 130, List.of("interrupted"));
        } finally {
            finished(process);
        }
    }

    /**
     * Stops the commands running now and what they started (not the services of run_process, which live in
     * sessions of their own), and starts none after: an interrupted run stops the step it was in.
     */
    @Override
    public void stopRunning() {
        List<Process> now;
        synchronized (starting) {
            stopped = true;
            now = new ArrayList<>(running);
        }
        now.forEach(CommandRunner::stop);
    }

    @Override
    public boolean stopped() {
        synchronized (starting) {
            return stopped;
        }
    }

    private CommandResult execute(List<String> argv, Map<String, String> environment, boolean merged) {
        Process process = start(argv, environment, merged);
        try {
            return collect(argv, process, merged);
        } finally {
            finished(process);
        }
    }

    /**
     * Logs and starts a command with empty stdin, and registers it as running; exit code 127 if it cannot start,
     * {@link RunInterruptedException} once the run is stopped.
     */
    private Process start(List<String> argv, Map<String, String> environment, boolean merged) {
        String command = String.join(" ", argv);
        if (stopped()) {
            throw new RunInterruptedException(command);
        }
        console.detail("+ " + command);
        ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(devNull()))
                .redirectErrorStream(merged);
        builder.environment().putAll(environment);
        synchronized (starting) {
            // Checked again under the lock stopRunning takes: a command either starts before the stop, and is
            // stopped with the others, or not at all.
            if (stopped) {
                throw new RunInterruptedException(command);
            }
            try {
                Process process = builder.start();
                running.add(process);
                return process;
            } catch (IOException e) {
                throw new CommandFailedException(command, 127,
                        List.of(argv.get(0) + ": command not found or not executable (" + e.getMessage() + ")"));
            }
        }
    }

    private void finished(Process process) {
        synchronized (starting) {
            running.remove(process);
        }
    }

    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    /**
     * Takes the command's lines in the order they came, writes each to the log (and the console), keeps the last
     * ones and stdout, and waits for the exit. A log that cannot be written does not stop the reading: the command
     * runs to its end (it may be dpkg half-way), and the failure is raised after it.
     */
    private CommandResult collect(List<String> argv, Process process, boolean merged) {
        BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
        int streams = merged ? 1 : 2;
        reader(process.getInputStream(), text -> lines.add(new Line(true, text)), () -> lines.add(Line.END));
        if (!merged) {
            reader(process.getErrorStream(), text -> lines.add(new Line(false, text)), () -> lines.add(Line.END));
        }
        Deque<String> tail = new ArrayDeque<>();
        StringBuilder stdout = new StringBuilder();
        DevstackException logFailure = null;
        Set<Notice> shown = new HashSet<>();
        try {
            for (int ended = 0; ended < streams; ) {
                Line line = lines.take();
                if (line == Line.END) {
                    ended++;
                    continue;
                }
                if (line.stdout()) {
                    stdout.append(line.text()).append('\n');
                }
                tail.addLast(line.text());
                if (tail.size() > LAST_LINES) {
                    tail.removeFirst();
                }
                try {
                    console.detail(line.text());
                    notice(line.text(), shown);
                } catch (DevstackException e) {
                    logFailure = logFailure == null ? e : logFailure;
                }
            }
            int code = process.waitFor();
            if (logFailure != null) {
                throw logFailure;
            }
            return new CommandResult(code, stripTrailingNewlines(stdout), new ArrayList<>(tail));
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new CommandFailedException(String.join(" ", argv), 130, List.of("interrupted"));
        }
    }

    /** Shows a line a person must see (see {@link #notice(Pattern, String)}), once per command ({@code shown}). */
    private void notice(String line, Set<Notice> shown) {
        for (Notice notice : notices) {
            if (notice.pattern().matcher(line).find() && shown.add(notice)) {
                console.summary(notice.prefix() + line.strip());
            }
        }
    }

    /** A line of output, from stdout (or the merged pipe) or from stderr. */
    private record Line(boolean stdout, String text) {
        static final Line END = new Line(false, null);
    }

    private static List<String> lastOf(List<String> lines) {
        return lines.subList(Math.max(0, lines.size() - LAST_LINES), lines.size());
    }

    private static Thread reader(InputStream stream, java.util.function.Consumer<String> sink) {
        return reader(stream, sink, () -> { });
    }

    /**
     * Reads a stream line by line in a thread of its own, so that stdout and stderr never block each other. The
     * thread only hands lines on ({@code sink} must not block): it never writes the log or the console, so it can
     * neither fail on a full disk nor stall the command.
     */
    private static Thread reader(InputStream stream, java.util.function.Consumer<String> sink, Runnable end) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                sink.accept("(output lost: " + e.getMessage() + ")");
            } finally {
                end.run();
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
