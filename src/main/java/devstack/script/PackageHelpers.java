package devstack.script;

import devstack.system.PackageLists;
import java.util.Arrays;
import java.util.List;

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

    /**
     * update_package_repo: refreshes the package repositories, once per run (again only when {@code force}).
     * Usage: {@code update_package_repo()}
     */
    public void update_package_repo(boolean force) {
        hostContext().packages().updateRepositories(force);
    }

    public void update_package_repo() {
        update_package_repo(false);
    }

    /**
     * get_packages: the packages the prerequisite lists of the given services name (one comma-separated
     * argument, as DevStack's). Usage: {@code install_package(*get_packages('template,n-cpu'))}
     */
    public List<String> get_packages(String services) {
        if (services == null || services.isBlank() || services.trim().contains(" ")) {
            throw new PluginAbort("get_packages takes a single, comma-separated argument");
        }
        PackageLists lists = new PackageLists(hostContext().os().distro(), hostContext().os().packageFormat());
        return lists.packages(hostContext().settings().path("FILES"), List.of(services.split(",")));
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
