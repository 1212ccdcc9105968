package devstack.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The configuration of a run: defaults (our {@code stackrc}), overridden by environment variables of the same
 * name, overridden by the localrc body of {@code local.conf} (or a standalone {@code localrc}).
 */
public final class Settings {
    /** The services the shipped plugins need: the fake hypervisor (n-cpu), the template hook and the demo service. */
    public static final String DEFAULT_ENABLED_SERVICES = "n-cpu,template,demo";

    /** The directories and files the core creates, writes or removes: they must be absolute paths. */
    static final List<String> ABSOLUTE_PATHS =
            List.of("DEST", "DATA_DIR", "SERVICE_DIR", "LOGDIR", "LOGFILE", "FILES", "NOVA_CONF");
    /** The setting a default of {@link #ABSOLUTE_PATHS} is derived from, when it was not given itself. */
    private static final Map<String, String> DERIVED_FROM = Map.of("DATA_DIR", "DEST", "SERVICE_DIR", "DEST",
            "LOGFILE", "LOGDIR", "LOGDIR", "LOGFILE", "NOVA_CONF", "NOVA_CONF_DIR");

    /**
     * An {@code enable_plugin} request, kept for the external-plugin loader.
     *
     * @param gitDir where the plugin is cloned: {@code $DEST/NAME} with DEST as set when the line ran (DevStack's
     *               {@code GITDIR[NAME]}), so a {@code DEST=} line must come before the {@code enable_plugin} lines
     */
    public record PluginRequest(String name, String url, String ref, String origin, Path gitDir) {
    }

    private final Path topDir;
    private final Variables variables;
    private final ServiceSet services;
    private final LocalConf localConf;
    private final List<PluginRequest> plugins;

    private Settings(Path topDir, Variables variables, ServiceSet services, LocalConf localConf,
                     List<PluginRequest> plugins) {
        this.topDir = topDir;
        this.variables = variables;
        this.services = services;
        this.localConf = localConf;
        this.plugins = plugins;
    }

    /**
     * Loads the configuration of the tree at {@code topDir}.
     *
     * @param environment the process environment, visible to plugins as in bash
     * @param warn        receives warnings meant for the console
     * @param commands    runs {@code $(command)} substitutions
     */
    public static Settings load(Path topDir, Map<String, String> environment, Consumer<String> warn,
                                Localrc.CommandSubstitution commands) {
        Variables variables = new Variables();
        environment.forEach(variables::set);
        variables.set("TOP_DIR", topDir.toString());
        // Set before localrc, as stackrc does, so that localrc can use $DEST and edit the service list.
        variables.setDefault("DEST", "/opt/stack");
        variables.setDefault(ServiceSet.ENABLED, DEFAULT_ENABLED_SERVICES);
        variables.setDefault(ServiceSet.DISABLED, "");
        ServiceSet services = new ServiceSet(variables, warn);

        List<PluginRequest> plugins = new ArrayList<>();
        Localrc localrc = new Localrc(variables, services, commands, (name, url, ref, origin) -> {
            Optional<PluginRequest> twice = plugins.stream().filter(p -> p.name().equals(name)).findFirst();
            if (twice.isPresent()) {
                throw new ConfigurationException("plugin " + name + " is enabled twice (first at "
                        + twice.get().origin() + ")", "keep one enable_plugin line for " + name);
            }
            plugins.add(new PluginRequest(name, url, ref, origin, Path.of(variables.getString("DEST"), name)));
        });

        Path localConfPath = topDir.resolve("local.conf");
        LocalConf localConf = ConfigFile.present(localConfPath) ? LocalConf.read(localConfPath) : null;
        Path standaloneLocalrc = topDir.resolve("localrc");
        boolean hasLocalSection = localConf != null
                && localConf.sections("local").stream().anyMatch(s -> s.file().equals("localrc"));
        if (localConf != null) {
            warnAboutOtherLocalFiles(localConf, warn);
        }
        if (ConfigFile.present(standaloneLocalrc)) {
            if (hasLocalSection) {
                warn.accept("localrc and local.conf:[[local]] both exist, using localrc");
            }
            localrc.evaluate(standaloneLocalrc);
        } else if (hasLocalSection) {
            localrc.evaluate(localConfPath.getFileName().toString(), localConf.body("local", "localrc"));
        }
        services.disableNegated();
        applyDerivedDefaults(variables, topDir);
        requireAbsolutePaths(variables, environment, localrc);
        return new Settings(topDir, variables, services, localConf, Collections.unmodifiableList(plugins));
    }

    /**
     * {@code [[local|X]]} with X other than localrc is read by nobody (DevStack ignores it too); it is nearly always
     * a typo of {@code [[local|localrc]]}, so say so.
     */
    private static void warnAboutOtherLocalFiles(LocalConf localConf, Consumer<String> warn) {
        String name = localConf.path().getFileName().toString();
        localConf.sections("local").stream().filter(s -> !s.file().equals("localrc")).forEach(s ->
                warn.accept(name + ":" + s.headerLine() + ": [[local|" + s.file() + "]] is ignored: the local group "
                        + "has only [[local|localrc]]"));
    }

    /**
     * The paths the core creates, writes and removes must be absolute, as DevStack assumes: a relative one would
     * resolve against whatever directory the command is run from, so that unstack from elsewhere would find
     * nothing to stop. Checked in this order, so that the setting a relative value was derived from is named first.
     */
    private static void requireAbsolutePaths(Variables variables, Map<String, String> environment, Localrc localrc) {
        for (String name : ABSOLUTE_PATHS) {
            String value = variables.getString(name);
            if (value.startsWith("/")) {
                continue;
            }
            String hint = "give " + String.join(", ", ABSOLUTE_PATHS) + " as absolute paths (e.g. DEST=/opt/stack): "
                    + "a relative path would depend on the directory the command is run from";
            // A default takes its value from another setting: name the one the user gave.
            String given = localrc.origin(name).isPresent() || value.equals(environment.get(name))
                    ? name : DERIVED_FROM.getOrDefault(name, name);
            String setting = name + "=" + value
                    + (given.equals(name) ? "" : " (derived from " + given + "=" + variables.getString(given) + ")");
            Optional<String> line = localrc.origin(given);
            if (line.isPresent()) {
                throw new ConfigurationException(line.get() + ": " + setting + " is not an absolute path", hint);
            }
            String from = variables.getString(given).equals(environment.get(given)) ? "from the environment" : "a default";
            throw new ConfigurationException(setting + " (" + from + ") is not an absolute path", hint);
        }
    }

    /** Defaults that refer to other settings, computed after localrc as stackrc does. */
    private static void applyDerivedDefaults(Variables v, Path topDir) {
        String dest = v.getString("DEST");
        v.setDefault("DATA_DIR", dest + "/data");
        v.setDefault("SERVICE_DIR", dest + "/status");
        String logfile = v.getString("LOGFILE");
        if (!v.isSet("LOGDIR")) {
            // A fully qualified LOGFILE decides where the logs go, as in DevStack.
            v.set("LOGDIR", logfile.contains("/") ? logfile.substring(0, logfile.lastIndexOf('/')) : dest + "/logs");
        }
        v.setDefault("LOGFILE", v.getString("LOGDIR") + "/stack.sh.log");
        v.setDefault("LOGDAYS", "7");
        v.setDefault("TIMESTAMP_FORMAT", "%F-%H%M%S");
        v.setDefault("FILES", topDir.resolve("files").toString());
        v.setDefault("NOVA_CONF_DIR", "/etc/nova");
        v.setDefault("NOVA_CONF", v.getString("NOVA_CONF_DIR") + "/nova.conf");
        v.setDefault("VIRT_DRIVER", "fake");
        v.setDefault("VERBOSE", "True");
        v.setDefault("STACK_USER", System.getProperty("user.name"));
    }

    public Path topDir() {
        return topDir;
    }

    public Variables variables() {
        return variables;
    }

    public ServiceSet services() {
        return services;
    }

    public Optional<LocalConf> localConf() {
        return Optional.ofNullable(localConf);
    }

    public List<PluginRequest> plugins() {
        return plugins;
    }

    public String get(String name) {
        return variables.getString(name);
    }

    public Path path(String name) {
        return Path.of(get(name));
    }

    /** DevStack's truth test for a setting ({@code trueorfalse False NAME}). */
    public boolean isTrue(String name) {
        return TrueOrFalse.normalize("False", get(name)).equals("True");
    }
}
