package devstack.system;

import devstack.DevstackException;
import devstack.console.Console;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * DevStack's package helpers over a {@link PackageManager}: names are validated before anything runs; packages
 * already installed are never handed to the package manager; the repositories are refreshed once per run before
 * the first real install (unless {@code NO_UPDATE_REPOS} or {@code OFFLINE}); a failed install is retried once
 * after a forced refresh.
 */
public final class Packages {
    /** Debian and RPM package names, optionally with {@code :arch} or {@code =version}; never an option. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9+._~-]*(:[A-Za-z0-9_-]+)?(=[A-Za-z0-9+.:~_-]+)?");

    private final PackageManager manager;
    private final Console console;
    private final BooleanSupplier skipRepositoryUpdate;
    private final BooleanSupplier offline;
    private final Supplier<Proxies> proxies;
    private boolean repositoriesUpdated;

    /**
     * @param offline {@code OFFLINE=True}: as DevStack's apt_get, installs and removals do nothing
     * @param proxies the run's proxy settings, read at each change
     */
    public Packages(PackageManager manager, Console console, BooleanSupplier skipRepositoryUpdate,
                    BooleanSupplier offline, Supplier<Proxies> proxies) {
        this.manager = manager;
        this.console = console;
        this.skipRepositoryUpdate = skipRepositoryUpdate;
        this.offline = offline;
        this.proxies = proxies;
    }

    /** install_package: installs every named package that is not installed yet. */
    public void install(Collection<String> names) {
        List<String> wanted = validated(names);
        if (wanted.isEmpty()) {
            return;
        }
        if (!offline.getAsBoolean()) {
            // Offline nothing is installed, so no package operation is needed, even where none is possible.
            manager.requireSupport("installing packages");
        }
        Set<String> installed = manager.installed(wanted);
        List<String> missing = wanted.stream().filter(name -> !installed.contains(name)).toList();
        if (missing.isEmpty()) {
            console.detail("already installed: " + String.join(" ", wanted));
            return;
        }
        if (offline.getAsBoolean()) {
            console.detail("OFFLINE=True: not installing " + String.join(" ", missing));
            return;
        }
        updateRepositories(false);
        try {
            manager.install(missing, proxies.get());
        } catch (CommandFailedException first) {
            console.warn("installing " + String.join(" ", missing) + " failed; retrying once after a repository update");
            updateRepositories(true);
            manager.install(missing, proxies.get());
        }
    }

    /** is_package_installed: true if every named package is installed (false for no names, as in DevStack). */
    public boolean isInstalled(Collection<String> names) {
        List<String> asked = validated(names);
        if (asked.isEmpty()) {
            return false;
        }
        manager.requireSupport("finding if a package is installed");
        return manager.installed(asked).containsAll(asked);
    }

    /** uninstall_package: removes the named packages that are installed. */
    public void uninstall(Collection<String> names) {
        List<String> asked = validated(names);
        if (!asked.isEmpty()) {
            manager.requireSupport("uninstalling packages");
        }
        Set<String> installed = asked.isEmpty() ? Set.of() : manager.installed(asked);
        List<String> present = asked.stream().filter(installed::contains).toList();
        if (!present.isEmpty() && !offline.getAsBoolean()) {
            manager.uninstall(present, proxies.get());
        }
    }

    /** update_package_repo: refreshes the repositories once per run, or again when forced. */
    public void updateRepositories(boolean force) {
        if (skipRepositoryUpdate.getAsBoolean() || (repositoriesUpdated && !force)) {
            return;
        }
        manager.updateRepositories(proxies.get());
        repositoriesUpdated = true;
    }

    /** Splits blank-separated names (a package list line may hold several), drops duplicates, rejects bad names. */
    static List<String> validated(Collection<String> names) {
        Set<String> result = new LinkedHashSet<>();
        for (String argument : names) {
            for (String name : argument.trim().split("\\s+")) {
                if (name.isEmpty()) {
                    continue;
                }
                if (!NAME.matcher(name).matches()) {
                    throw new DevstackException(DevstackException.FAILED,
                            "'" + name + "' is not a valid package name",
                            "a package name is letters, digits and + . _ ~ - (optionally :arch or =version), "
                                    + "and does not start with '-'");
                }
                result.add(name);
            }
        }
        return new ArrayList<>(result);
    }
}
