package devstack.plugin;

/** The kinds of plugin file and the directory of TOP_DIR each lives in. */
public enum PluginKind {
    /** {@code extras.d/NN-name.groovy}: dispatch scripts run at every phase. */
    HOOK("extras.d"),
    /** {@code nova_plugins/hypervisor-<name>.groovy}: the five nova hypervisor functions. */
    HYPERVISOR("nova_plugins"),
    /** {@code lib/name.groovy}: functions a hook loads with {@code source}. */
    LIBRARY("lib"),
    /** A file of an external plugin's clone: {@code devstack/plugin.groovy}, {@code settings.groovy}, ... */
    EXTERNAL("devstack");

    private final String directory;

    PluginKind(String directory) {
        this.directory = directory;
    }

    public String directory() {
        return directory;
    }
}
