package devstack.scaffold;

import devstack.DevstackException;
import devstack.config.ServiceSet;
import devstack.config.Settings;
import devstack.script.PluginScript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A new plugin's name, and the names the scaffold derives from it: {@code my-svc} is the service, the file names
 * and the plugin directory; {@code install_my_svc} a function; {@code MY_SVC_DIR} a setting; {@code MySvc} the
 * prefix of its specification's class.
 *
 * <p>DevStack itself checks nothing: the name becomes an ENABLED_SERVICES item (a comma-separated list), a
 * directory under DEST and a file name. The rule here is what every one of those accepts in this host (the names of
 * hooks, hypervisor plugins, enable_plugin and run_process services), and it starts with a letter because it is
 * also part of Groovy names.
 */
public record PluginName(String name, String function, String variable, String className) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]*");
    private static final String RULE = "a plugin name is a letter, then letters, digits, '.', '_' and '-': it becomes "
            + "the service in ENABLED_SERVICES, a directory under DEST, file names, and part of Groovy names "
            + "(install_my_svc, MY_SVC_DIR)";

    /** Checks {@code name}; an error with a hint (exit 2) when DevStack or Groovy would not take it. */
    public static PluginName of(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new DevstackException(DevstackException.BAD_INPUT, "'" + name + "' is not a plugin name",
                    RULE + "; e.g. " + suggestion(name));
        }
        if (ServiceSet.isGroup(name)) {
            throw new DevstackException(DevstackException.BAD_INPUT, "'" + name + "' is a group of services: "
                    + "is_service_enabled('" + name + "') is true whenever one of its services is enabled",
                    "give the plugin a name of its own, e.g. " + name + "-extra");
        }
        String function = name.replaceAll("[.-]", "_");
        String variable = function.toUpperCase(Locale.ROOT);
        String className = Arrays.stream(name.split("[._-]+")).filter(part -> !part.isEmpty())
                .map(part -> Character.toUpperCase(part.charAt(0)) + part.substring(1))
                .collect(Collectors.joining());
        return new PluginName(name, function, variable, className);
    }

    /**
     * Refuses a name whose functions would be helpers ({@code install_package}) or whose settings would be the
     * core's ({@code DATA_DIR}, which a generated cleanup would then remove).
     */
    void checkDerived(List<String> functions, List<String> settings) {
        Set<String> helpers = Arrays.stream(PluginScript.class.getMethods()).map(Method::getName)
                .collect(Collectors.toSet());
        for (String function : functions) {
            if (helpers.contains(function)) {
                throw new DevstackException(DevstackException.BAD_INPUT, "'" + name + "' would make the plugin "
                        + "define " + function + "(), which is a helper's name",
                        "give the plugin another name, e.g. " + name + "-svc");
            }
        }
        Set<String> core = coreSettings();
        for (String setting : settings) {
            if (core.contains(setting)) {
                throw new DevstackException(DevstackException.BAD_INPUT, "'" + name + "' would make the plugin "
                        + "use the setting " + setting + ", which is the core's",
                        "give the plugin another name, e.g. " + name + "-svc");
            }
        }
    }

    /** The settings the core defines before any plugin runs (DEST, DATA_DIR, SERVICE_DIR, TOP_DIR, …). */
    private static Set<String> coreSettings() {
        Path empty = null;
        try {
            empty = Files.createTempDirectory("devstack-new-plugin");
            return Settings.load(empty, Map.of(), warning -> { }, (command, environment) -> "").variables().asMap()
                    .keySet();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (empty != null) {
                try {
                    Files.deleteIfExists(empty);
                } catch (IOException ignored) {
                    // An empty directory in the temporary directory does no harm.
                }
            }
        }
    }

    /** The name with what is not allowed made into dashes, as an example for the hint. */
    private static String suggestion(String name) {
        String fixed = name == null ? "" : name.trim().replaceAll("[^A-Za-z0-9._-]+", "-")
                .replaceAll("^[^A-Za-z]+", "").replaceAll("-+$", "");
        return NAME.matcher(fixed).matches() ? fixed : "my-service";
    }
}
