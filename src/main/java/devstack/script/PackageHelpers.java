package devstack.script;

import devstack.system.PackageLists;
import java.util.Arrays;
import java.util.List;

/** The packages helpers of {@link PluginScript}: see there for what each does. */
final class PackageHelpers extends HelperGroup {
    PackageHelpers(ScriptContext context, PluginRuntime runtime) {
        super(context, runtime);
    }

    public void install_package(String... packages) {
        context.packages().install(Arrays.asList(packages));
    }

    public void uninstall_package(String... packages) {
        context.packages().uninstall(Arrays.asList(packages));
    }

    public boolean is_package_installed(String... packages) {
        return context.packages().isInstalled(Arrays.asList(packages));
    }

    public void update_package_repo(boolean force) {
        context.packages().updateRepositories(force);
    }

    public void update_package_repo() {
        update_package_repo(false);
    }

    public List<String> get_packages(String services) {
        if (services == null || services.isBlank() || services.trim().contains(" ")) {
            throw new PluginAbort("get_packages takes a single, comma-separated argument");
        }
        PackageLists lists = new PackageLists(machine().os().distro(), machine().os().packageFormat());
        return lists.packages(context.settings().path("FILES"), List.of(services.split(",")));
    }

    public boolean is_ubuntu() {
        return machine().os().isUbuntu();
    }

    public boolean is_fedora() {
        return machine().os().isFedora();
    }
}
