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

    /**
     * Stops the run if this distribution cannot do {@code operation} ("installing packages"), before anything is
     * asked of the machine.
     */
    default void requireSupport(String operation) {
    }

    /**
     * The package manager for this distribution: apt on the Debian family, dnf on the Fedora family (DevStack's
     * is_fedora), and on any other distribution none: a package operation stops the run there, as DevStack's
     * exit_distro_not_supported does.
     */
    static PackageManager forDistribution(OsRelease os, Machine.Commands commands, Privilege privilege) {
        if (os.isUbuntu()) {
            return new Apt(commands, privilege);
        }
        return os.isFedora() ? new Dnf(commands, privilege) : new UnsupportedDistribution(os);
    }
}
