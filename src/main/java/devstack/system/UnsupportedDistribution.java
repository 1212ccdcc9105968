package devstack.system;

import devstack.DevstackException;
import java.util.Collection;
import java.util.Set;

/**
 * The package manager of a distribution that is neither of the Debian nor of the Fedora family: every package
 * operation stops the run with DevStack's {@code exit_distro_not_supported} message, rather than guessing a tool.
 * Refreshing the repositories does nothing, as DevStack's {@code update_package_repo} does off Ubuntu.
 */
public final class UnsupportedDistribution implements PackageManager {
    private final OsRelease os;

    public UnsupportedDistribution(OsRelease os) {
        this.os = os;
    }

    @Override
    public void requireSupport(String operation) {
        throw notSupported(operation);
    }

    /**
     * Nothing is known to be installed. Only an offline install_package asks, which then installs nothing; every
     * other operation stops at {@link #requireSupport} first.
     */
    @Override
    public Set<String> installed(Collection<String> names) {
        return Set.of();
    }

    @Override
    public void install(Collection<String> names, Proxies proxies) {
        throw notSupported("installing packages");
    }

    @Override
    public void uninstall(Collection<String> names, Proxies proxies) {
        throw notSupported("uninstalling packages");
    }

    @Override
    public void updateRepositories(Proxies proxies) {
    }

    private DevstackException notSupported(String what) {
        String distro = os.distro().isEmpty() ? "unknown" : os.distro();
        return new DevstackException(DevstackException.FAILED, "Support for " + distro
                + " is incomplete: no support for " + what, "packages are installed with apt on Debian and Ubuntu "
                + "(and ID_LIKE derivatives) and with dnf on Fedora, RHEL, CentOS, Rocky, AlmaLinux, Oracle Linux, "
                + "Virtuozzo and openEuler (ID in /etc/os-release: " + (os.id().isEmpty() ? "none" : os.id()) + ")");
    }
}
