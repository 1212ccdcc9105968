package devstack.system;

import devstack.console.Console;
import devstack.ini.IniException;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The long-running processes of services (DevStack's screen-era model without screen): each runs detached, in a
 * session and process group of its own, its output appended to {@code $LOGDIR/<service>.log}, and is recorded in
 * {@code $SERVICE_DIR/<service>.pid} (see {@link ProcessRecord}). Everything it knows comes from those files and
 * {@code /proc}, never from memory, so a later run (unstack after a killed stack) finds and stops what an earlier
 * one started. A pid now used by another program is recognised by its start time and never signalled.
 */
public final class ProcessSupervisor implements Machine.Processes {
    /** How long a new process must live to count as started. */
    static final Duration START_GRACE = Duration.ofSeconds(1);
    /** How long a process group has after SIGTERM before it gets SIGKILL. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(2);
    private static final long POLL_MILLIS = 20;
    private static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@+-]*");

    /** What a pid file's process is now. */
    public enum State {
        /** The recorded process is alive. */
        RUNNING,
        /** The recorded process has exited, but others of its process group are still alive. */
        ORPHANED,
        /** The pid now belongs to another program (another start time): never touched. */
        REUSED,
        /** The process and its group are gone. */
        GONE
    }

    private final Console console;
    private final Machine.Commands commands;
    private final Privilege privilege;
    private final ProcessTable table;
    private final Duration startGrace;
    private final Duration stopTimeout;

    public ProcessSupervisor(Console console, Machine.Commands commands, Privilege privilege) {
        this(console, commands, privilege, new ProcessTable(), START_GRACE, STOP_TIMEOUT);
    }

    ProcessSupervisor(Console console, Machine.Commands commands, Privilege privilege, ProcessTable table,
                      Duration startGrace, Duration stopTimeout) {
        this.console = console;
        this.commands = commands;
        this.privilege = privilege;
        this.table = table;
        this.startGrace = startGrace;
        this.stopTimeout = stopTimeout;
    }

    /**
     * Starts {@code command} for {@code service} and records it. A process of the same service that is still
     * running is stopped first. Fails, leaving nothing running, if the program is not found, SERVICE_DIR or LOGDIR
     * cannot be written, or the process exits within its first second (with its exit code and the last lines of
     * its log).
     */
    @Override
    public void start(String service, ProcessCommand command, Path serviceDir, Path logDir) {
        launch(service, command, serviceDir, logDir);
    }

    /** {@link #start}, returning what was recorded of the process. */
    public ProcessRecord launch(String service, ProcessCommand command, Path serviceDir, Path logDir) {
        checkName("run_process", service);
        if (commands.stopped()) {
            throw new RunInterruptedException("run_process " + service);
        }
        Path pidFile = ProcessRecord.file(writableDirectory(service, "SERVICE_DIR", serviceDir), service);
        Path log = writableDirectory(service, "LOGDIR", logDir).resolve(service + ".log");
        command.missingProgram(System.getenv("PATH")).ifPresent(program -> {
            throw new ProcessFailedException("run_process " + service + ": command not found: " + program,
                    "install the program or give its full path; the command was: " + command);
        });
        if (Files.exists(pidFile)) {
            stopRecorded(service, pidFile, ", to start it anew");
        }
        createLog(service, log);
        long logOffset = size(log);
        List<String> argv = command.argv(System.getProperty("user.name"), privilege.isRoot());
        console.detail("+ " + String.join(" ", argv) + " >>" + log + " 2>&1 &");
        Process process;
        try {
            process = new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new ProcessFailedException("run_process " + service + ": cannot start " + argv.get(0) + ": "
                    + e.getMessage(), "setsid comes with util-linux; install it");
        }
        long pid = process.pid();
        // The start time is the pid's identity; a process so quick it is already reaped has none, and fails below.
        Optional<ProcessTable.Stat> stat = awaitGroupLeader(pid);
        // The pid file keeps the command masked, as every other place that stores text does.
        ProcessRecord record = new ProcessRecord(service, pid, stat.map(ProcessTable.Stat::startTicks).orElse(-1L),
                console.masked(command.command()), log, logOffset);
        if (stat.isPresent()) {
            try {
                record.write(pidFile);
            } catch (IniException e) {
                killGroup(pid);
                throw new ProcessFailedException("run_process " + service + ": cannot record the process in "
                        + "SERVICE_DIR (" + pidFile.getParent() + "): " + e.getMessage() + "; it was stopped",
                        "make SERVICE_DIR writable by " + System.getProperty("user.name") + " or set it elsewhere");
            }
        }
        Integer exitCode = exitWithin(process, startGrace);
        if (exitCode != null) {
            deleteQuietly(pidFile);
            if (!table.groupMembers(pid).isEmpty()) {
                killGroup(pid);
            }
            throw exitedEarly(record, command, exitCode);
        }
        console.detail("run_process " + service + ": pid " + pid + ", log " + log);
        return record;
    }

    /**
     * Stops the recorded process of {@code service} and its whole process group, and removes its pid file; a
     * stale pid file is only removed, with a warning. True if a process was stopped.
     */
    @Override
    public boolean stop(String service, Path serviceDir) {
        checkName("stop_process", service);
        Path pidFile = ProcessRecord.file(serviceDir, service);
        return !serviceDir.toString().isEmpty() && Files.exists(pidFile) && stopRecorded(service, pidFile, "");
    }

    /**
     * Stops every process recorded in SERVICE_DIR, whether or not its service is still enabled, and removes every
     * pid file; each process stopped gets one console line. Returns the services stopped.
     */
    @Override
    public List<String> stopAll(Path serviceDir) {
        List<String> stopped = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Path pidFile : pidFiles(serviceDir)) {
            String service = serviceOf(pidFile);
            try {
                if (stopRecorded(service, pidFile, "")) {
                    stopped.add(service);
                }
            } catch (ProcessFailedException e) {
                // One process that will not stop must not keep the others running.
                console.error(e.getMessage());
                failed.add(service + ": " + e.getMessage());
            }
        }
        if (!failed.isEmpty()) {
            throw new ProcessFailedException("could not stop " + failed.size() + " of the recorded processes", failed,
                    "stop them by hand (kill -KILL -- -PGID), then run unstack again");
        }
        return stopped;
    }

    /**
     * service_check: fails naming every enabled service whose recorded process is no longer running, with the
     * last lines of each one's log. Processes of services no longer enabled are not checked.
     */
    @Override
    public void check(Path serviceDir, Predicate<String> enabled) {
        List<String> dead = new ArrayList<>();
        List<String> details = new ArrayList<>();
        int running = 0;
        for (Path pidFile : pidFiles(serviceDir)) {
            String service = serviceOf(pidFile);
            if (!enabled.test(service)) {
                continue;
            }
            ProcessRecord record;
            try {
                record = ProcessRecord.read(pidFile, service);
            } catch (ProcessRecord.Unreadable e) {
                dead.add(service);
                details.add("Error: Service " + service + " is not running: its pid file " + pidFile
                        + " is unreadable (" + e.getMessage() + ")");
                continue;
            }
            State state = state(record);
            if (state == State.RUNNING) {
                running++;
                continue;
            }
            dead.add(service);
            details.add("Error: Service " + service + " is not running: " + describe(record, state));
            details.addAll(logTail(record));
        }
        if (!dead.isEmpty()) {
            throw new ProcessFailedException("service_check: " + (dead.size() == 1 ? "a service has" : dead.size()
                    + " services have") + " died: " + String.join(", ", dead), details,
                    "fix the cause shown in the log, then stack again; unstack stops what is left of them");
        }
        console.detail("service_check: " + running + " service process(es) running");
    }

    /** is_running: true if the command line of any process (but this one) contains {@code name}. */
    @Override
    public boolean isRunning(String name) {
        long self = ProcessHandle.current().pid();
        return table.pids().stream().filter(pid -> pid != self)
                .anyMatch(pid -> table.commandLine(pid).contains(name));
    }

    /**
     * What SERVICE_DIR records: each service that has a pid file, and whether its process (or what is left of its
     * process group) is alive. Only a question: nothing is changed.
     */
    public Map<String, Boolean> recorded(Path serviceDir) {
        Map<String, Boolean> services = new LinkedHashMap<>();
        if (serviceDir.toString().isEmpty()) {
            return services;
        }
        for (Path pidFile : pidFiles(serviceDir)) {
            String service = serviceOf(pidFile);
            try {
                State state = state(ProcessRecord.read(pidFile, service));
                services.put(service, state == State.RUNNING || state == State.ORPHANED);
            } catch (ProcessRecord.Unreadable e) {
                services.put(service, false);
            }
        }
        return services;
    }

    /** What a record's process is now; see {@link State}. */
    public State state(ProcessRecord record) {
        Optional<ProcessTable.Stat> stat = table.stat(record.pid());
        if (stat.isPresent() && stat.get().startTicks() != record.startTicks()) {
            return State.REUSED;
        }
        if (stat.isPresent() && !stat.get().isZombie()) {
            return State.RUNNING;
        }
        // While any process of the group lives, Linux does not give its number to a new process: they are ours.
        return table.groupMembers(record.pid()).isEmpty() ? State.GONE : State.ORPHANED;
    }

    /** Stops what a pid file records (unless stale) and removes the file; {@code why} is added to its console line. */
    private boolean stopRecorded(String service, Path pidFile, String why) {
        ProcessRecord record;
        try {
            record = ProcessRecord.read(pidFile, service);
        } catch (ProcessRecord.Unreadable e) {
            removePidFile(pidFile, "removed the pid file " + pidFile + " of " + service
                    + " without stopping anything: " + e.getMessage());
            return false;
        }
        State state = state(record);
        if (state != State.RUNNING && state != State.ORPHANED) {
            removePidFile(pidFile, "removed the stale pid file " + pidFile + ": " + describe(record, state));
            return false;
        }
        boolean forced = killGroup(record.pid());
        console.summary("Stopped " + service + " (pid " + record.pid() + why
                + (forced ? ", killed after ignoring SIGTERM for " + stopTimeout.toSeconds() + " s" : "") + ")");
        removePidFile(pidFile, null);
        return true;
    }

    /** Removes a pid file, with a warning unless null. */
    private void removePidFile(Path pidFile, String warning) {
        if (warning != null) {
            console.warn(warning);
        }
        deleteQuietly(pidFile);
    }

    /** Why a record's process is not (all) running, in words. */
    private String describe(ProcessRecord record, State state) {
        return switch (state) {
            case RUNNING -> "pid " + record.pid() + " is running";
            case ORPHANED -> "pid " + record.pid() + " has exited; processes of its group are still running";
            case REUSED -> "pid " + record.pid() + " now belongs to another program ("
                    + table.stat(record.pid()).map(ProcessTable.Stat::name).orElse("?") + "), which was not touched";
            case GONE -> "pid " + record.pid() + " has exited";
        };
    }

    /**
     * SIGTERM to the whole process group, then SIGKILL if any of it is still alive after the stop timeout.
     * True if SIGKILL was needed.
     */
    private boolean killGroup(long pgid) {
        signalGroup(pgid, "TERM");
        if (waitForGroupExit(pgid, stopTimeout)) {
            return false;
        }
        signalGroup(pgid, "KILL");
        if (!waitForGroupExit(pgid, KILL_TIMEOUT)) {
            throw new ProcessFailedException("process group " + pgid + " is still running after SIGKILL: "
                    + table.groupMembers(pgid), "stop it by hand: kill -KILL -- -" + pgid);
        }
        return true;
    }

    /** kill(1) of the shell, which can signal a group; through sudo when the group belongs to another user. */
    private void signalGroup(long pgid, String signal) {
        List<String> kill = killCommand(pgid, signal);
        CommandResult result = commands.run(kill, Map.of());
        if (!result.succeeded() && !privilege.isRoot() && !table.groupMembers(pgid).isEmpty()) {
            commands.run(privilege.asRoot(kill), Map.of());
        }
    }

    private static List<String> killCommand(long pgid, String signal) {
        return List.of("/bin/sh", "-c", "kill -s " + signal + " -- -" + pgid);
    }

    private boolean waitForGroupExit(long pgid, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!table.groupMembers(pgid).isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            pause();
        }
        return true;
    }

    /**
     * The status of a new process once setsid has made it the leader of its group (a moment after it starts), so
     * that a group signal reaches it; empty if it is already gone.
     */
    private Optional<ProcessTable.Stat> awaitGroupLeader(long pid) {
        long deadline = System.nanoTime() + startGrace.toNanos();
        while (true) {
            Optional<ProcessTable.Stat> stat = table.stat(pid);
            if (stat.isEmpty() || stat.get().processGroup() == pid || stat.get().isZombie()
                    || System.nanoTime() > deadline) {
                return stat;
            }
            pause();
        }
    }

    /** The exit code if the process exits within {@code grace}, otherwise null. */
    private static Integer exitWithin(Process process, Duration grace) {
        try {
            return process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private ProcessFailedException exitedEarly(ProcessRecord record, ProcessCommand command, int exitCode) {
        String why = switch (exitCode) {
            case 127 -> "command not found";
            case 126 -> "command not executable";
            default -> "exited with code " + exitCode;
        };
        return new ProcessFailedException("run_process " + record.service() + ": " + why
                + " within its first second: " + command, logTail(record),
                "a service process must keep running; see " + record.log());
    }

    /** The last lines its process wrote to its log (since it started), indented, under a line naming the log. */
    private List<String> logTail(ProcessRecord record) {
        Deque<String> tail = new ArrayDeque<>();
        try (RandomAccessFile file = new RandomAccessFile(record.log().toFile(), "r")) {
            // A log shorter than the recorded offset was truncated or rotated since: show its end.
            long offset = record.logOffset() <= file.length() ? record.logOffset() : 0;
            byte[] bytes = new byte[(int) Math.min(file.length() - offset, 1 << 20)];
            file.seek(file.length() - bytes.length);
            file.readFully(bytes);
            new String(bytes, StandardCharsets.UTF_8).lines().forEach(line -> {
                tail.addLast(line);
                if (tail.size() > CommandRunner.LAST_LINES) {
                    tail.removeFirst();
                }
            });
        } catch (IOException e) {
            return List.of("    (no log: " + e.getMessage() + ")");
        }
        if (tail.isEmpty()) {
            return List.of("    (nothing in " + record.log() + ")");
        }
        List<String> lines = new ArrayList<>();
        lines.add("    last lines of " + record.log() + ":");
        tail.forEach(line -> lines.add("      " + line));
        return lines;
    }

    /**
     * A new service log is created 0640 (owner and group): the service writes to it directly, past the host's
     * masking, so whatever secret it prints stays out of others' reach. An existing log keeps its mode.
     */
    private static void createLog(String service, Path log) {
        try {
            Files.createFile(log, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // Appended to, as DevStack's services append to theirs.
        } catch (IOException e) {
            throw new ProcessFailedException("run_process " + service + ": cannot create its log " + log + ": "
                    + e.getMessage(), "check that LOGDIR (" + log.getParent() + ") is writable and has space");
        }
    }

    /** The pid files in SERVICE_DIR, in name order; none if it does not exist. */
    private List<Path> pidFiles(Path dir) {
        List<Path> files = new ArrayList<>();
        if (dir.toString().isEmpty() || !Files.isDirectory(dir)) {
            return files;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.pid")) {
            entries.forEach(files::add);
        } catch (IOException e) {
            throw new ProcessFailedException("cannot list SERVICE_DIR (" + dir + "): " + e.getMessage(),
                    "check its permissions");
        }
        files.sort(null);
        return files;
    }

    private static String serviceOf(Path pidFile) {
        String name = pidFile.getFileName().toString();
        return name.substring(0, name.length() - ".pid".length());
    }

    /** The directory a setting names, created if missing; a clear error naming it if it cannot be written. */
    private static Path writableDirectory(String service, String setting, Path dir) {
        String user = System.getProperty("user.name");
        if (dir.toString().isEmpty()) {
            throw new ProcessFailedException("run_process " + service + ": " + setting + " is empty",
                    "set " + setting + " to a directory " + user + " can write, or leave it unset");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ProcessFailedException("run_process " + service + ": " + setting + " (" + dir
                    + ") is not a directory", "set " + setting + " to a directory " + user + " can write");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ProcessFailedException("run_process " + service + ": cannot create " + setting + " (" + dir
                    + "): " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                    "set " + setting + " to a directory " + user + " can write");
        }
        if (!Files.isWritable(dir)) {
            throw new ProcessFailedException("run_process " + service + ": " + setting + " (" + dir
                    + ") is not writable by " + user, "fix its permissions or set " + setting + " elsewhere");
        }
        return dir;
    }

    /** A service name as ENABLED_SERVICES holds them; a clear error naming the helper otherwise. */
    public static void checkName(String helper, String service) {
        if (service == null || !SERVICE_NAME.matcher(service).matches()) {
            throw new ProcessFailedException(helper + ": '" + service + "' is not a service name",
                    "a service name is letters, digits and . _ @ + - (e.g. n-cpu), as in ENABLED_SERVICES");
        }
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A pid file we cannot remove is harmless: its start time keeps it from ever matching another program.
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
