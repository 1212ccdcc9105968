package devstack.script;

import devstack.system.ContainerCheck;
import devstack.system.OsRelease;
import devstack.system.OsVariables;
import devstack.system.PackageTools;
import java.util.List;

/** The distro helpers of {@link PluginScript}: see there for what each does. */
final class DistroHelpers extends HelperGroup {
    DistroHelpers(ScriptContext context, PluginRuntime runtime) {
        super(context, runtime);
    }

    public void GetOSVersion() {
        OsVariables.of(machine().os()).forEach(context.settings().variables()::set);
    }

    public String GetDistro() {
        OsRelease os = machine().os();
        if (os.id().isEmpty()) {
            throw new PluginAbort("Unable to determine DISTRO, can not continue. (/etc/os-release is missing or has "
                    + "no ID)");
        }
        GetOSVersion();
        return os.distro();
    }

    public boolean is_arch(String arch) {
        if (arch == null || arch.isBlank()) {
            throw new PluginAbort("is_arch: an architecture to compare with is required, e.g. is_arch('x86_64')");
        }
        return machine().commands().query(List.of("uname", "-m")).stdout().trim().equals(arch);
    }

    public boolean is_suse() {
        return false;
    }

    public void exit_distro_not_supported(Object... what) {
        String distro = context.settings().get("DISTRO");
        if (distro.isEmpty()) {
            distro = GetDistro();
        }
        throw new PluginAbort(what.length == 0 ? "Support for " + distro + " is incomplete."
                : "Support for " + distro + " is incomplete: no support for " + joinWords(what));
    }

    public boolean running_in_container() {
        return new ContainerCheck(machine()).inContainer();
    }

    public void apt_get(Object... args) {
        List<String> words = PackageTools.words(flatten("apt_get", args));
        if (words.isEmpty() || offline()) {
            return;
        }
        timed("apt-get", () -> packageTools().aptGet(words.get(0), words.subList(1, words.size())));
    }

    public void apt_get_update() {
        if (settingIsTrue("REPOS_UPDATED") && !settingIsTrue("RETRY_UPDATE") || offline()) {
            return;
        }
        timed("apt-get-update", () -> packageTools().aptGetUpdate());
        context.settings().variables().set("REPOS_UPDATED", "True");
    }

    public void yum_install(Object... packages) {
        List<String> words = PackageTools.words(flatten("yum_install", packages));
        if (words.isEmpty() || offline()) {
            return;
        }
        timed("yum_install", () -> packageTools().yumInstall(words));
    }

    private PackageTools packageTools() {
        return new PackageTools(machine().commands(), machine().privilege(), proxies());
    }
}
