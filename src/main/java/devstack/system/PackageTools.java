package devstack.system;

import devstack.DevstackException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * DevStack's raw package-tool wrappers, for plugins that call them directly: {@code apt_get OP ARGS…},
 * {@code apt_get_update} and {@code yum_install PACKAGES…}. Non-interactive, local config files kept, the proxy
 * settings passed on, as root; every argument a separate argv word, never through a shell.
 */
public final class PackageTools {
    /**
     * How long apt waits for a lock another apt or dpkg holds (unattended-upgrades, a second terminal) before it
     * gives up: apt's own {@code DPkg::Lock::Timeout}, in seconds.
     */
    static final int LOCK_TIMEOUT_SECONDS = 600;
    /** What apt prints while it waits for that lock. */
    static final Pattern LOCK_WAIT = Pattern.compile("^Waiting for cache lock");

    /** An apt-get operation: install, purge, update, dist-upgrade, build-dep … */
    private static final Pattern OPERATION = Pattern.compile("[a-z][a-z-]*");

    private final Machine.Commands commands;
    private final Privilege privilege;
    private final Proxies proxies;

    public PackageTools(Machine.Commands commands, Privilege privilege, Proxies proxies) {
        this.commands = commands;
        this.privilege = privilege;
        this.proxies = proxies;
    }

    /** apt_get: {@code apt-get --option Dpkg::Options::=--force-confold --assume-yes OP ARGS…}; fails on failure. */
    public void aptGet(String operation, Collection<String> arguments) {
        if (operation == null || !OPERATION.matcher(operation).matches()) {
            throw new DevstackException(DevstackException.FAILED,
                    "apt_get: '" + operation + "' is not an apt-get operation",
                    "the first argument is the operation, e.g. apt_get 'install', 'cowsay'");
        }
        commands.checked(privilege.asRoot(aptGetCommand(operation, words(arguments))));
    }

    /** DevStack's apt_get_update policy: try again every 30 s, give up after 300 s. */
    static final Duration UPDATE_RETRY_EVERY = Duration.ofSeconds(30);
    static final Duration UPDATE_GIVE_UP_AFTER = Duration.ofSeconds(300);

    /** apt_get_update with DevStack's retry policy; the one update_package_repo and install_package use too. */
    public void aptGetUpdate() {
        aptGetUpdate(UPDATE_RETRY_EVERY, UPDATE_GIVE_UP_AFTER);
    }

    /**
     * apt_get_update: {@code apt-get update}, tried again every {@code retryEvery} until it succeeds or
     * {@code giveUpAfter} has passed (DevStack: every 30 s for 300 s), as bad mirrors come and go.
     */
    public void aptGetUpdate(Duration retryEvery, Duration giveUpAfter) {
        Instant deadline = Instant.now().plus(giveUpAfter);
        while (true) {
            long left = Math.max(1, (Duration.between(Instant.now(), deadline).toMillis() + 999) / 1000);
            // timeout(1) outside sudo, as DevStack's: a hung update is killed like a failed one.
            List<String> argv = new ArrayList<>(List.of("timeout", Long.toString(left)));
            argv.addAll(privilege.asRoot(aptGetCommand("update", List.of())));
            CommandResult result = commands.run(argv, java.util.Map.of());
            if (result.succeeded()) {
                return;
            }
            if (!Instant.now().plus(retryEvery).isBefore(deadline)) {
                throw new DevstackException(DevstackException.FAILED,
                        "Failed to update apt repos, we're dead now (apt-get update kept failing for "
                                + giveUpAfter.toSeconds() + " s; last exit code " + result.exitCode() + ": "
                                + String.join(" / ", result.lastLines()) + ")",
                        "check the mirrors in /etc/apt/sources.list and the proxy settings");
            }
            sleep(retryEvery);
        }
    }

    /** yum_install: {@code dnf install -y PACKAGES…} (the name is DevStack's, kept for old plugins). */
    public void yumInstall(Collection<String> packages) {
        dnf("install", packages);
    }

    /** {@code dnf OP -y ARGS…} with the proxies, as root; fails on failure. */
    public void dnf(String operation, Collection<String> arguments) {
        List<String> argv = new ArrayList<>(List.of("env"));
        argv.addAll(proxies.envAssignments());
        argv.addAll(List.of("dnf", operation, "-y"));
        argv.addAll(words(arguments));
        commands.checked(privilege.asRoot(argv));
    }

    private List<String> aptGetCommand(String operation, List<String> arguments) {
        List<String> argv = new ArrayList<>(List.of("env", "DEBIAN_FRONTEND=noninteractive"));
        argv.addAll(proxies.envAssignments());
        argv.addAll(List.of("apt-get", "--option", "Dpkg::Options::=--force-confold", "--option",
                "DPkg::Lock::Timeout=" + LOCK_TIMEOUT_SECONDS, "--assume-yes", operation));
        argv.addAll(arguments);
        return argv;
    }

    /** Arguments split on blanks, as bash splits an unquoted {@code $PACKAGES}; empty words dropped. */
    public static List<String> words(Collection<String> arguments) {
        List<String> words = new ArrayList<>();
        for (String argument : arguments) {
            for (String word : String.valueOf(argument).trim().split("\\s+")) {
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
        }
        return words;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevstackException(DevstackException.FAILED, "interrupted while waiting to retry apt-get update");
        }
    }
}
