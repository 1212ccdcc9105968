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

    /** The package manager for this distribution. */
    static PackageManager forDistribution(OsRelease os, CommandRunner commands, Supplier<PackageTools> tools) {
        return os.isUbuntu() ? new Apt(commands, tools) : new Dnf(commands, tools);
    }
}
