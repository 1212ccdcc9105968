package devstack.system;

import java.util.Collection;
import java.util.Set;

/**
 * One distribution's package manager, as the machine offers it: a question (what is installed) and changes
 * (install, remove, refresh the repositories), each change with the proxy settings of the run.
 */
public interface PackageManager {
    /** The subset of {@code names} that is installed, found with one query for all of them. */
    Set<String> installed(Collection<String> names);

    void install(Collection<String> names, Proxies proxies);

    void uninstall(Collection<String> names, Proxies proxies);

    /** Refreshes the repository metadata. */
    void updateRepositories(Proxies proxies);

    /** The package manager for this distribution. */
    static PackageManager forDistribution(OsRelease os, Machine.Commands commands, Privilege privilege) {
        return os.isUbuntu() ? new Apt(commands, privilege) : new Dnf(commands, privilege);
    }
}
