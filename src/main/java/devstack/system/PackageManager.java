package devstack.system;

import java.util.Collection;
import java.util.Set;
import java.util.function.Supplier;

/** One distribution's package manager. */
public interface PackageManager {
    /** The subset of {@code names} that is installed, found with one query for all of them. */
    Set<String> installed(Collection<String> names);

    void install(Collection<String> names);

    void uninstall(Collection<String> names);

    /** Refreshes the repository metadata. */
    void updateRepositories();

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
    static PackageManager forDistribution(OsRelease os, CommandRunner commands, Supplier<PackageTools> tools) {
        if (os.isUbuntu()) {
            return new Apt(commands, tools);
        }
        return os.isFedora() ? new Dnf(commands, tools) : new UnsupportedDistribution(os);
    }
}
