package devstack.script;

import java.util.Arrays;

/** Package helpers through the distribution's package manager, and the distribution tests. */
public abstract class PackageHelpers extends CommandHelpers {
    /** install_package: installs packages not installed yet. Usage: {@code install_package 'cowsay', 'jq'} */
    public void install_package(String... packages) {
        hostContext().packages().install(Arrays.asList(packages));
    }

    /** uninstall_package: removes installed packages. Usage: {@code uninstall_package 'cowsay'} */
    public void uninstall_package(String... packages) {
        hostContext().packages().uninstall(Arrays.asList(packages));
    }

    /** is_package_installed: true if every named package is installed. Usage: {@code is_package_installed 'jq'} */
    public boolean is_package_installed(String... packages) {
        return hostContext().packages().isInstalled(Arrays.asList(packages));
    }

    /** is_ubuntu: true on a deb-based distribution (Debian, Ubuntu). */
    public boolean is_ubuntu() {
        return hostContext().os().isUbuntu();
    }

    /** is_fedora: true on the Fedora / Red Hat family. */
    public boolean is_fedora() {
        return hostContext().os().isFedora();
    }
}
