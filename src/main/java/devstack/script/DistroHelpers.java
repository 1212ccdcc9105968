package devstack.script;

import devstack.system.ContainerCheck;
import devstack.system.OsRelease;
import devstack.system.OsVariables;
import devstack.system.PackageTools;
import devstack.system.Proxies;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The distribution and its package tools: GetOSVersion, GetDistro, is_arch, is_suse, exit_distro_not_supported,
 * running_in_container, apt_get, apt_get_update, yum_install.
 */
public abstract class DistroHelpers extends ProcessHelpers {
    /** DevStack's apt_get_update: a failed update is tried again every 30 s, for at most 300 s. */

    /**
     * GetOSVersion: sets {@code os_VENDOR}, {@code os_RELEASE}, {@code os_CODENAME}, {@code os_PACKAGE} (and
     * {@code DISTRO}) from {@code /etc/os-release}. Usage: {@code GetOSVersion()}
     * <p>
     * Every plugin sees these variables from the start of the run, so the call is only needed by code ported
     * line by line from bash.
     */
    public void GetOSVersion() {
        OsVariables.of(hostContext().os()).forEach(hostContext().settings().variables()::set);
    }

    /**
     * GetDistro: sets {@code DISTRO} (and the os_* variables) and returns it: the codename on Debian and Ubuntu,
     * {@code f<release>} on Fedora, {@code rhel<major>} on the Red Hat family. Usage: {@code GetDistro()}
     */
    public String GetDistro() {
        OsRelease os = hostContext().os();
        if (os.id().isEmpty()) {
            throw new PluginAbort("Unable to determine DISTRO, can not continue. (/etc/os-release is missing or has "
                    + "no ID)");
        }
        GetOSVersion();
        return os.distro();
    }

    /** is_arch: true if the machine's architecture ({@code uname -m}) is {@code arch}. Usage: {@code is_arch 'x86_64'} */
    public boolean is_arch(String arch) {
        if (arch == null || arch.isBlank()) {
            throw new PluginAbort("is_arch: an architecture to compare with is required, e.g. is_arch('x86_64')");
        }
        return hostContext().commands().query(List.of("uname", "-m")).stdout().trim().equals(arch);
    }

    /**
     * is_suse: always false. DevStack dropped SUSE; the helper stays for plugins that still ask.
     * Usage: {@code if (is_suse()) { ... }}
     */
    public boolean is_suse() {
        return false;
    }

    /**
     * exit_distro_not_supported: stops the run with {@code Support for $DISTRO is incomplete[: no support for
     * WHAT]}. Usage: {@code exit_distro_not_supported 'installing libvirt'}
     */
    public void exit_distro_not_supported(Object... what) {
        String distro = hostContext().settings().get("DISTRO");
        if (distro.isEmpty()) {
            distro = GetDistro();
        }
        throw new PluginAbort(what.length == 0 ? "Support for " + distro + " is incomplete."
                : "Support for " + distro + " is incomplete: no support for " + joinWords(what));
    }

    /**
     * running_in_container: true inside a container (Docker's /.dockerenv, Podman's /run/.containerenv, or what
     * {@code systemd-detect-virt --container} says). Usage: {@code if (!running_in_container()) { ... }}
     */
    public boolean running_in_container() {
        return new ContainerCheck(hostContext().commands()).inContainer();
    }

    /**
     * apt_get: runs {@code apt-get OP ARGS…} non-interactively as root, keeping local config files
     * ({@code --force-confold}); nothing with {@code OFFLINE=True} or without arguments.
     * Usage: {@code apt_get 'install', 'cowsay', 'jq'}
     * <p>
     * Each argument is split on blanks (like bash's unquoted {@code $PACKAGES}). A failure stops the run.
     */
    public void apt_get(Object... args) {
        List<String> words = PackageTools.words(flatten("apt_get", args));
        if (words.isEmpty() || offline()) {
            return;
        }
        timed("apt-get", () -> packageTools().aptGet(words.get(0), words.subList(1, words.size())));
    }

    /**
     * apt_get_update: runs {@code apt-get update} once per run (again when {@code RETRY_UPDATE=True}), retrying
     * every 30 s for up to 300 s; nothing with {@code OFFLINE=True}. Usage: {@code apt_get_update()}
     */
    public void apt_get_update() {
        if (settingIsTrue("REPOS_UPDATED") && !settingIsTrue("RETRY_UPDATE") || offline()) {
            return;
        }
        timed("apt-get-update", () -> packageTools().aptGetUpdate());
        hostContext().settings().variables().set("REPOS_UPDATED", "True");
    }

    /**
     * yum_install: runs {@code dnf install -y PACKAGES…} as root (the name is DevStack's); nothing with
     * {@code OFFLINE=True} or without packages. Usage: {@code yum_install 'cowsay'}
     */
    public void yum_install(Object... packages) {
        List<String> words = PackageTools.words(flatten("yum_install", packages));
        if (words.isEmpty() || offline()) {
            return;
        }
        timed("yum_install", () -> packageTools().yumInstall(words));
    }

    private PackageTools packageTools() {
        return new PackageTools(hostContext().commands(), hostContext().privilege(), proxies());
    }

    /** http_proxy, https_proxy and no_proxy as the run's variables hold them. */
    protected final Proxies proxies() {
        return Proxies.from(hostContext().settings()::get);
    }

    /** OFFLINE=True: nothing is fetched from the network. */
    protected final boolean offline() {
        return settingIsTrue("OFFLINE");
    }

    protected final boolean settingIsTrue(String name) {
        return hostContext().settings().isTrue(name);
    }

    /** Runs {@code body} under the named timer (the timing table at the end of stack), as DevStack times it. */
    protected final void timed(String timer, Runnable body) {
        timedCall(timer, () -> {
            body.run();
            return null;
        });
    }

    /** {@link #timed(String, Runnable)} for a body with a result. */
    protected final <T> T timedCall(String timer, Supplier<T> body) {
        hostContext().timers().start(timer);
        try {
            return body.get();
        } finally {
            hostContext().timers().stop(timer);
        }
    }

    /**
     * The arguments of a helper as strings: lists and arrays are taken apart (Groovy callers pass them freely),
     * null is an error naming the helper.
     */
    protected static List<String> flatten(String helper, Object... args) {
        List<String> result = new ArrayList<>();
        for (Object arg : args == null ? new Object[] {null} : args) {
            if (arg == null) {
                throw new PluginAbort(helper + ": an argument is null");
            } else if (arg instanceof Collection<?> collection) {
                result.addAll(flatten(helper, collection.toArray()));
            } else if (arg.getClass().isArray()) {
                Object[] items = new Object[Array.getLength(arg)];
                for (int i = 0; i < items.length; i++) {
                    items[i] = Array.get(arg, i);
                }
                result.addAll(flatten(helper, items));
            } else if (arg instanceof Map<?, ?>) {
                throw new PluginAbort(helper + ": a map is not an argument (" + arg + ")");
            } else {
                result.add(arg.toString());
            }
        }
        return result;
    }
}
