package devstack.system;

import devstack.config.ConfigurationException;
import devstack.config.TrueOrFalse;
import devstack.console.RunLog;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.Predicate;

/**
 * The one seam between a run and the machine it runs on: every effect (a command, a package, a file, a process, a
 * clone, a download, a group membership) and every question (is this installed, what does this file hold, what
 * does this command print) goes through it. Questions and changes are separate methods, so that the three
 * implementations differ only in what they do with each: the real machine answers and changes; the dry run
 * answers from the real machine and prints what it would change; the recording machine of the plugin test kit
 * answers from a scripted state and records what it would change.
 *
 * <p>Reading the tree itself (plugin sources, local.conf, the package lists) is input, not a question to the
 * machine, and does not go through here.
 */
public interface Machine extends AutoCloseable {
    /** What distribution this is ({@code /etc/os-release}). */
    OsRelease os();

    /** Whether the run is root, and how it becomes root where it must ({@code sudo}). */
    Privilege privilege();

    Commands commands();

    Files files();

    /** The distribution's package manager: what is installed, and installing or removing. */
    PackageManager packages();

    Processes processes();

    Git git();

    Network network();

    Accounts accounts();

    /**
     * The run's lock on {@code dest}: one run at a time per DEST (and per SERVICE_DIR). Closing it releases it.
     */
    AutoCloseable lock(Path dest, Path serviceDir);

    /** The run's log files ({@code LOGFILE.<suffix>}), after removing this log's files older than {@code days}. */
    Optional<RunLog> openLog(Path logfile, String suffix, int days, Clock clock);

    /** What the runs in {@code dest} created on the machine ({@code $DEST/.devstack-created}). */
    CreatedRecord created(Path dest);

    /** A line for {@code $LOGDIR/error.log}, where {@code err} keeps its lines. */
    void appendErrorLog(Path logDir, String line);

    /** The run enters a phase ({@code stack install}): effects from now on belong to it. */
    default void enterPhase(String phase) {
    }

    /** The run is over: what a machine that only plans says about its plan. */
    default void finish() {
    }

    /** Releases what the machine holds for the run (scratch directories of a dry run). */
    @Override
    default void close() {
    }

    /** Commands, as argument lists: never through a shell unless the argv says {@code /bin/sh -c}. */
    interface Commands {
        /** Runs a command that may change the machine; only a failure to start it throws. */
        CommandResult run(List<String> argv, Map<String, String> environment);

        /** Runs a command that only reads (a query): it runs in a dry run too. */
        CommandResult query(List<String> argv, Map<String, String> environment);

        /** A query whose standard output is wanted byte for byte and never logged (a file read through sudo). */
        byte[] readBytes(List<String> argv);

        /**
         * Runs a command that may change the machine for its effect alone: its stdout and stderr share one pipe, so
         * its output (all of it in {@link CommandResult#stdout()}) is in exactly the order it was written. For the
         * host's own steps, whose output only goes to the log and a failure's last lines.
         */
        default CommandResult effect(List<String> argv, Map<String, String> environment) {
            return run(argv, environment);
        }

        /**
         * Stops the commands running now and what they started, and starts none after (each later call fails with
         * {@link RunInterruptedException}): an interrupted run stops the step it was in and goes no further.
         */
        void stopRunning();

        /** Whether {@link #stopRunning} was called: nothing may start any more. */
        default boolean stopped() {
            return false;
        }

        /** {@link #effect}, failing on a non-zero exit; returns the command's output. */
        default String checked(List<String> argv, Map<String, String> environment) {
            CommandResult result = effect(argv, environment);
            if (!result.succeeded()) {
                throw new CommandFailedException(String.join(" ", argv), result.exitCode(), result.lastLines());
            }
            return result.stdout();
        }

        default String checked(List<String> argv) {
            return checked(argv, Map.of());
        }

        default CommandResult query(List<String> argv) {
            return query(argv, Map.of());
        }

        /** A shell command line that may change the machine; fails on a non-zero exit, showing the line itself. */
        default String sh(String command, Map<String, String> environment) {
            CommandResult result = run(List.of("/bin/sh", "-c", command), environment);
            if (!result.succeeded()) {
                throw new CommandFailedException(command, result.exitCode(), result.lastLines());
            }
            return result.stdout();
        }
    }

    /**
     * Files and directories. {@code asRoot} is DevStack's {@code -sudo}: where the run may not read or write the
     * file itself, it goes through sudo.
     */
    interface Files {
        boolean exists(Path path);

        boolean isDirectory(Path path);

        boolean isRegularFile(Path path);

        /** The entries of a directory in name order; none if it is not one. */
        List<Path> list(Path dir);

        /** The file's bytes, or empty when it does not exist. */
        Optional<byte[]> read(Path file, boolean asRoot);

        /** The file's permission bits including setuid, setgid and sticky, or empty when it does not exist. */
        OptionalInt mode(Path file);

        /** True when {@code path} lies on NFS, where root may not change owners or modes (root squash). */
        boolean isOnNfs(Path path);

        /**
         * Replaces a file's content atomically (readers see the old file or the new one, never half of one). The
         * file keeps its mode, owner and group; {@code mode} (all bits, e.g. {@code 02640}) replaces the mode when
         * given; a new file without one gets 0644.
         */
        void write(Path file, byte[] content, OptionalInt mode, boolean asRoot);

        /** Appends to a file, creating it (0644) when missing. */
        void append(Path file, byte[] content, boolean asRoot);

        /**
         * Creates a directory and its parents; where the run may not, through sudo, and then owned by
         * {@code owner} (STACK_USER) so that later plain writes work, as DevStack does for /etc/nova.
         */
        void createDirectories(Path dir, String owner);

        /** Removes a file or a whole directory tree; nothing when it does not exist. */
        void delete(Path path);

        /**
         * mktemp: a new, empty file (mode 0600) or directory (0700) in {@code dir}, whose name is {@code prefix}
         * and characters no other path there has; never one that existed, so a name another user planted in a
         * shared {@code /tmp} is never used. Returns its path.
         */
        Path createTemp(Path dir, String prefix, boolean directory);
    }

    /**
     * The long-running processes of services ({@code run_process}): each recorded by a pid file in SERVICE_DIR and
     * logging to LOGDIR, both passed at each call since plugins may change them.
     */
    interface Processes {
        /** Starts and records a service's process; a process of the service still running is stopped first. */
        void start(String service, ProcessCommand command, Path serviceDir, Path logDir);

        /** Stops a service's recorded process group and removes its pid file; true if a process was stopped. */
        boolean stop(String service, Path serviceDir);

        /** Stops every recorded process, whether or not its service is still enabled; the services stopped. */
        List<String> stopAll(Path serviceDir);

        /** service_check: fails naming every enabled service whose recorded process has died. */
        void check(Path serviceDir, Predicate<String> enabled);

        /** is_running: true if the command line of any process contains {@code name}. */
        boolean isRunning(String name);
    }

    /** git, as DevStack's {@code git_clone} uses it. */
    interface Git {
        /**
         * DevStack's {@code git_clone}: {@code remote} at {@code ref} in {@code dest}, with the rules of
         * {@code options}. Returns where the checked-out files can be read: {@code dest}, or (when the clone was
         * only planned) a scratch copy outside it.
         */
        Path clone(GitRequest request);
    }

    /** The network, beyond the package manager and git. */
    interface Network {
        /** Downloads {@code url} into {@code target}, which appears whole or not at all. */
        void download(URI url, Path target, Proxies proxies);

        /**
         * Waits up to {@code timeout} for an http(s) URL to answer (any status but 503); {@code tried} hears each
         * try's status (-1: no answer). A question: it runs in a dry run too.
         */
        boolean waitForAnswer(URI url, Duration timeout, IntConsumer tried);
    }

    /** Users and groups. */
    interface Accounts {
        /** Adds {@code user} to the supplementary group {@code group}. */
        void addUserToGroup(String user, String group);
    }

    /** What {@link Git#clone} is asked to do, with the settings that rule it. */
    record GitRequest(String who, String remote, Path dest, String ref, GitOptions options) {
    }

    /**
     * DevStack's settings for {@code git_clone}: RECLONE, OFFLINE, ERROR_ON_CLONE, GIT_DEPTH (0: full history),
     * GIT_TIMEOUT in seconds (0: none), and the tree that must never be removed to clone into.
     */
    record GitOptions(boolean reclone, boolean offline, boolean errorOnClone, int depth, double timeout,
                      Path topDir) {
        /** The options as the run's settings give them now ({@code setting} reads '' for an unset name). */
        public static GitOptions of(Function<String, String> setting, Path topDir) {
            return new GitOptions(isTrue(setting, "RECLONE"), isTrue(setting, "OFFLINE"),
                    isTrue(setting, "ERROR_ON_CLONE"), depth(setting.apply("GIT_DEPTH").strip()),
                    timeout(setting.apply("GIT_TIMEOUT").strip()), topDir);
        }

        private static boolean isTrue(Function<String, String> setting, String name) {
            return TrueOrFalse.normalize("False", setting.apply(name)).equals("True");
        }

        private static int depth(String value) {
            if (value.isEmpty()) {
                return 0;
            }
            try {
                int depth = Integer.parseInt(value);
                if (depth >= 0) {
                    return depth;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new ConfigurationException("GIT_DEPTH=" + value + " is not a number of commits",
                    "set GIT_DEPTH to 0 (full history) or a positive number");
        }

        private static double timeout(String value) {
            if (value.isEmpty()) {
                return 0;
            }
            try {
                double seconds = Double.parseDouble(value);
                if (seconds >= 0 && Double.isFinite(seconds)) {
                    return seconds;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new ConfigurationException("GIT_TIMEOUT=" + value + " is not a number of seconds",
                    "set GIT_TIMEOUT to 0 (no timeout) or a number of seconds");
        }
    }
}
