package devstack.system;

import devstack.DevstackException;
import devstack.config.ConfigurationException;
import devstack.console.Console;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * DevStack's {@code git_clone} (reference §2.5): clones a repository at a ref, leaves an existing clone as it is
 * unless {@code RECLONE=True}, never touches the network with {@code OFFLINE=True}, refuses to clone with
 * {@code ERROR_ON_CLONE=True}, honours {@code GIT_DEPTH}, and runs every network call under {@code GIT_TIMEOUT} with
 * up to three tries. git runs through the machine's commands with argument lists, never a shell; the URL and the
 * ref are validated first, so neither can be read as an option or a refspec.
 *
 * <p>A fresh clone and a reclone end in the same state: the ref fetched from {@code origin} and checked out as a
 * detached HEAD ({@code fetch origin REF}, {@code checkout FETCH_HEAD}), for a branch, a tag or a gerrit
 * {@code refs/changes/…} alike. The settings come with each call: a plugin may change them.
 *
 * <p>What to do with a destination ({@link #decide}) is kept apart from doing it, so that a machine that only
 * plans (a dry run, the test kit) decides exactly as the real one does.
 */
public final class GitClone implements Machine.Git {
    /** Tries of a network git call that times out, as DevStack's {@code git_timed}. */
    public static final int MAX_TRIES = 3;
    /** What timeout(1) exits with when the time ran out. */
    private static final int TIMED_OUT = 124;
    private static final long RETRY_PAUSE_MILLIS = 5000;

    /** scheme://… with a scheme git serves without running a command of the URL's choosing. */
    private static final Pattern URL_WITH_SCHEME = Pattern.compile("(https?|git|ssh|git\\+ssh|ssh\\+git|file)://\\S+");
    /** scp-like {@code [user@]host:path}. */
    private static final Pattern SCP_LIKE = Pattern.compile("([A-Za-z0-9._-]+@)?[A-Za-z0-9][A-Za-z0-9.-]*:\\S+");
    /** git's ref-name rules (check-ref-format), plus no leading {@code -} or {@code +} and no {@code :}. */
    private static final Pattern REF = Pattern.compile("[A-Za-z0-9_./@{}=,%-]+");

    private final Machine.Commands commands;
    private final Machine.Files files;
    private final Console console;
    private final String git;
    private final Pause pause;

    /** Sleeps between tries; tests replace it. */
    @FunctionalInterface
    public interface Pause {
        void sleep(long millis);
    }

    /** What {@link #clone} did. */
    public enum Outcome {
        /** A fresh clone at the ref. */
        CLONED,
        /** An existing clone moved to the ref ({@code RECLONE=True}). */
        RECLONED,
        /** An existing clone left as it was. */
        EXISTING
    }

    /** What git_clone does with a destination, given its state and the settings. */
    public enum Action {
        /** Clone into it (it is missing or empty). */
        CLONE,
        /** Remove what is there (not a clone, RECLONE=True), then clone. */
        REPLACE,
        /** Fetch the ref again and check it out (RECLONE=True, or a refs/… ref). */
        UPDATE,
        /** Leave it as it is. */
        KEEP
    }

    /** What a destination is now. */
    public enum State { MISSING, CLONE, NOT_A_CLONE }

    public GitClone(Machine.Commands commands, Machine.Files files, Console console) {
        this(commands, files, console, "git", GitClone::sleep);
    }

    /** With another git executable and pause, for tests. */
    public GitClone(Machine.Commands commands, Machine.Files files, Console console, String git, Pause pause) {
        this.commands = commands;
        this.files = files;
        this.console = console;
        this.git = git;
        this.pause = pause;
    }

    @Override
    public Path clone(Machine.GitRequest request) {
        clone(request.who(), request.remote(), request.dest(), request.ref(), request.options());
        return request.dest();
    }

    /**
     * What git_clone must do with {@code dest} in {@code state}, or the error the real run would stop with
     * (OFFLINE without a clone, ERROR_ON_CLONE, a directory that is not a clone without RECLONE).
     */
    public static Action decide(String who, String remote, Path dest, String ref, State state,
                                Machine.GitOptions options) {
        validateRemote(who, remote);
        validateRef(who, ref);
        if (options.offline()) {
            // DevStack returns before RECLONE is looked at: offline means no network, whatever else is set.
            if (state != State.CLONE) {
                throw new DevstackException(DevstackException.BAD_INPUT, who + ": OFFLINE=True and " + dest
                        + (state == State.MISSING ? " is missing" : " is not a git repository")
                        + ", so there is nothing to use and cloning is not allowed",
                        "run once with OFFLINE=False to clone it, or put a clone of " + remote + " there");
            }
            return Action.KEEP;
        }
        if (state == State.NOT_A_CLONE && !options.reclone()) {
            throw new DevstackException(DevstackException.BAD_INPUT, who + ": " + dest
                    + " exists but is not a git repository; it was left as it is",
                    "move it away, or set RECLONE=True to replace it (its content is then deleted)");
        }
        if (state != State.CLONE) {
            if (options.errorOnClone()) {
                throw new DevstackException(DevstackException.BAD_INPUT, who + ": ERROR_ON_CLONE=True so cloning "
                        + remote + " into " + dest + " is not allowed",
                        "put a clone there before the run (CI jobs provide them), or set ERROR_ON_CLONE=False");
            }
            if (state == State.NOT_A_CLONE) {
                refuseDangerous(who, dest, options.topDir());
                return Action.REPLACE;
            }
            return Action.CLONE;
        }
        // A gerrit change (refs/changes/...) is fetched again on every run, as DevStack does: a new patchset
        // under the same clone must not leave the old code running.
        return options.reclone() || ref.startsWith("refs") ? Action.UPDATE : Action.KEEP;
    }

    /**
     * Clones {@code remote} at {@code ref} into {@code dest}, with DevStack's settings.
     *
     * @param who how messages name what is cloned: {@code plugin foo}, or {@code git_clone} for a plugin's own call
     */
    public Outcome clone(String who, String remote, Path dest, String ref, Machine.GitOptions options) {
        Action action = decide(who, remote, dest, ref, state(files, dest), options);
        Outcome outcome = switch (action) {
            case KEEP -> Outcome.EXISTING;
            case REPLACE -> {
                console.warn(who + ": RECLONE=True: removing " + dest + ", which is not a git repository, to clone "
                        + "into it");
                files.delete(dest);
                cloneFresh(who, remote, dest, ref, options);
                yield Outcome.CLONED;
            }
            case CLONE -> {
                cloneFresh(who, remote, dest, ref, options);
                yield Outcome.CLONED;
            }
            case UPDATE -> {
                update(who, remote, dest, ref, options);
                yield Outcome.RECLONED;
            }
        };
        if (options.offline()) {
            console.detail("Running in offline mode, clones already exist");
        }
        showHead(who, dest);
        return outcome;
    }

    /** Checks a remote URL before any git call: a URL git would read as an option or a command is refused. */
    public static void validateRemote(String who, String remote) {
        // "transport::address" makes git run a remote helper (ext:: runs any command): never accepted.
        boolean valid = remote != null && !remote.isEmpty() && !remote.startsWith("-") && !remote.contains("::")
                && remote.chars().noneMatch(c -> c < 0x20 || c == 0x7f)
                && (URL_WITH_SCHEME.matcher(remote).matches() || SCP_LIKE.matcher(remote).matches()
                || remote.startsWith("/"));
        if (!valid) {
            throw new ConfigurationException(who + ": '" + remote + "' is not a git URL this host clones from",
                    "use https://, http://, git://, ssh://, file:// or user@host:path (remote helpers such as "
                            + "ext:: are refused)");
        }
    }

    /** Checks a ref (branch, tag, {@code refs/…} or commit) before any git call. */
    public static void validateRef(String who, String ref) {
        boolean valid = ref != null && REF.matcher(ref).matches() && !ref.startsWith("-") && !ref.startsWith(".")
                && !ref.startsWith("/") && !ref.endsWith("/") && !ref.endsWith(".") && !ref.endsWith(".lock")
                && !ref.contains("..") && !ref.contains("@{") && !ref.contains("//") && !ref.equals("@");
        if (!valid) {
            throw new ConfigurationException(who + ": '" + ref + "' is not a valid git ref",
                    "give a branch, a tag, a refs/… name or a commit; a ref may not start with '-'");
        }
    }

    /** What {@code dest} is, as {@code files} answer. An empty directory counts as missing: git clones into it. */
    public static State state(Machine.Files files, Path dest) {
        if (!files.exists(dest)) {
            return State.MISSING;
        }
        if (files.exists(dest.resolve(".git"))) {
            return State.CLONE;
        }
        if (files.isDirectory(dest) && files.list(dest).isEmpty()) {
            return State.MISSING;
        }
        return State.NOT_A_CLONE;
    }

    private void cloneFresh(String who, String remote, Path dest, String ref, Machine.GitOptions options) {
        int depth = options.depth();
        console.detail(who + ": cloning " + remote + " at " + ref + " into " + dest);
        List<String> clone = new ArrayList<>(List.of("clone", "--no-checkout"));
        clone.addAll(depthArgs(depth));
        clone.addAll(List.of("--", remote, dest.toString()));
        // A clone cut short by a timeout leaves a partial directory that the next try could not clone into.
        CommandResult cloned = timed(who, clone, options.timeout(), () -> removeOwnClone(dest));
        if (!cloned.succeeded()) {
            removeOwnClone(dest);
            throw new DevstackException(DevstackException.FAILED, who + ": cannot clone " + remote + ": "
                    + gitError(cloned), "check the URL and the network, then run again");
        }
        try {
            checkout(who, remote, dest, ref, options);
        } catch (DevstackException e) {
            // We created the clone in this call: without the ref it is of no use, and a next run must clone again.
            removeOwnClone(dest);
            throw e;
        }
    }

    private void update(String who, String remote, Path dest, String ref, Machine.GitOptions options) {
        console.detail(who + ": " + (ref.startsWith("refs") ? "fetching " + ref + " again" : "RECLONE=True")
                + ", updating " + dest + " to " + ref + " from " + remote);
        CommandResult setUrl = run(List.of("-C", dest.toString(), "remote", "set-url", "origin", remote));
        if (!setUrl.succeeded()) {
            CommandResult add = run(List.of("-C", dest.toString(), "remote", "add", "origin", remote));
            if (!add.succeeded()) {
                throw new DevstackException(DevstackException.FAILED, who + ": cannot point " + dest + " at "
                        + remote + ": " + gitError(add), "check that " + dest + " is a usable git clone");
            }
        }
        // A tag that moved upstream: the local one must move too, or version tools (pbr) compute a stale version.
        boolean localTag = commands.query(List.of(git, "-C", dest.toString(), "rev-parse", "-q", "--verify",
                "refs/tags/" + ref), gitEnvironment()).succeeded();
        if (localTag) {
            run(List.of("-C", dest.toString(), "tag", "-d", ref));
        }
        checkout(who, remote, dest, ref, options);
        if (localTag) {
            run(List.of("-C", dest.toString(), "fetch", "origin", "+refs/tags/" + ref + ":refs/tags/" + ref));
        }
    }

    /** {@code fetch origin REF} and {@code checkout FETCH_HEAD}: the same for a branch, a tag or refs/changes. */
    private void checkout(String who, String remote, Path dest, String ref, Machine.GitOptions options) {
        List<String> fetch = new ArrayList<>(List.of("-C", dest.toString(), "fetch"));
        fetch.addAll(depthArgs(options.depth()));
        fetch.addAll(List.of("origin", ref));
        CommandResult fetched = timed(who, fetch, options.timeout(), () -> { });
        if (!fetched.succeeded()) {
            throw new DevstackException(DevstackException.BAD_INPUT, who + ": cannot fetch ref " + ref + " from "
                    + remote + ": " + gitError(fetched),
                    "check that " + ref + " is a branch, tag or commit of " + remote);
        }
        CommandResult checkedOut = run(List.of("-C", dest.toString(), "checkout", "-q", "-f", "FETCH_HEAD"));
        if (!checkedOut.succeeded()) {
            throw new DevstackException(DevstackException.FAILED, who + ": cannot check out " + ref + " in " + dest
                    + ": " + gitError(checkedOut), "check the clone at " + dest);
        }
    }

    private void showHead(String who, Path dest) {
        CommandResult head = commands.query(List.of(git, "-C", dest.toString(), "log", "-1", "--oneline"));
        if (head.succeeded()) {
            console.detail(who + ": " + dest + " at " + head.stdout());
        }
    }

    /**
     * A network git call under {@code GIT_TIMEOUT} ({@code timeout -s SIGINT}, as DevStack's {@code git_timed}):
     * a call that times out is tried again after a pause, up to {@link #MAX_TRIES} tries; any other result is
     * returned as it is.
     */
    private CommandResult timed(String who, List<String> args, double timeout, Runnable beforeRetry) {
        for (int attempt = 1; ; attempt++) {
            List<String> argv = new ArrayList<>();
            if (timeout > 0) {
                argv.addAll(List.of("timeout", "-s", "SIGINT", formatSeconds(timeout)));
            }
            argv.add(git);
            argv.addAll(args);
            CommandResult result = commands.run(argv, gitEnvironment());
            if (timeout <= 0 || result.exitCode() != TIMED_OUT) {
                return result;
            }
            String call = "git " + String.join(" ", args);
            console.warn(who + ": timeout " + attempt + " for git call: [" + call + "]");
            if (attempt == MAX_TRIES) {
                throw new DevstackException(DevstackException.FAILED, who + ": git timed out " + MAX_TRIES
                        + " times (GIT_TIMEOUT=" + formatSeconds(timeout) + "): " + call,
                        "check the network, or raise GIT_TIMEOUT (0 means no timeout)");
            }
            beforeRetry.run();
            pause.sleep(RETRY_PAUSE_MILLIS);
        }
    }

    /** A local git call: no network, no timeout. */
    private CommandResult run(List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add(git);
        argv.addAll(args);
        return commands.run(argv, gitEnvironment());
    }

    /** git must never wait for a password on the terminal: a run is non-interactive. */
    private static Map<String, String> gitEnvironment() {
        return Map.of("GIT_TERMINAL_PROMPT", "0");
    }

    /** What git said: its fatal/error lines if it printed any, else its last lines. */
    private static String gitError(CommandResult result) {
        List<String> lines = result.lastLines().stream()
                .filter(l -> l.startsWith("fatal:") || l.startsWith("error:")).toList();
        if (lines.isEmpty()) {
            lines = result.lastLines();
        }
        return lines.isEmpty() ? "git exited with code " + result.exitCode() : String.join("; ", lines);
    }

    private static List<String> depthArgs(int depth) {
        return depth > 0 ? List.of("--depth", Integer.toString(depth)) : List.of();
    }

    private static String formatSeconds(double seconds) {
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
    }

    /** Removes a clone this call created (a failed or partial one). */
    private void removeOwnClone(Path dest) {
        files.delete(dest);
    }

    /** RECLONE=True on a directory that is not a clone: replaced, never anything above or around it. */
    private static void refuseDangerous(String who, Path dest, Path topDir) {
        Path absolute = dest.toAbsolutePath().normalize();
        if (absolute.getNameCount() < 2 || topDir.toAbsolutePath().normalize().startsWith(absolute)) {
            throw new DevstackException(DevstackException.BAD_INPUT, who + ": refusing to remove " + dest
                    + " to clone into it", "clone into a directory of its own, e.g. /opt/stack/NAME");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevstackException(DevstackException.FAILED, "interrupted while waiting to retry git");
        }
    }
}
