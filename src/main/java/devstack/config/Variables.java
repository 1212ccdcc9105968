package devstack.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one shared variable space of a run, like the shell that runs {@code stack.sh}: the environment, the
 * settings, and every global a plugin assigns. Plugins may store any object; settings are strings.
 */
public final class Variables {
    /** Names that read as the empty string when unset, as shell variables do. */
    private static final Pattern SHELL_STYLE_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, Object> values = new LinkedHashMap<>();

    /**
     * DevStack's proxy settings: lower-case, yet settings like the others (stack.sh exports them with
     * {@code export_proxy_variables}, and plugins read them unset as '').
     */
    private static final Set<String> PROXY_NAMES = Set.of("http_proxy", "https_proxy", "no_proxy");

    public static boolean isShellStyleName(String name) {
        return SHELL_STYLE_NAME.matcher(name).matches();
    }

    /**
     * A name that reads as '' when unset and that commands see in their environment: an upper-case shell-style
     * name, or one of the proxy settings.
     */
    public static boolean isSettingName(String name) {
        return isShellStyleName(name) || PROXY_NAMES.contains(name);
    }

    /** Settings whose values never reach a log or the console. */
    public static boolean isSecretName(String name) {
        return name.contains("PASSWORD") || name.contains("SECRET") || name.contains("TOKEN");
    }

    public static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
    }

    public boolean isSet(String name) {
        return values.containsKey(name);
    }

    /** The raw value, or null when unset. */
    public Object get(String name) {
        return values.get(name);
    }

    /** The value as the shell would print it: the empty string when unset. */
    public String getString(String name) {
        Object value = values.get(name);
        return value == null ? "" : value.toString();
    }

    public void set(String name, Object value) {
        values.put(name, value);
    }

    /** Sets {@code name} only when it is not set yet: the shell's {@code ${NAME:=default}} for unset names. */
    public void setDefault(String name, String value) {
        values.putIfAbsent(name, value);
    }

    public void unset(String name) {
        values.remove(name);
    }

    /**
     * What a child process sees, as bash's children see its variables: every string-valued variable with a
     * setting's name (settings, the environment, globals plugins assigned).
     */
    public Map<String, String> exported() {
        Map<String, String> environment = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (value instanceof CharSequence && isSettingName(name)) {
                environment.put(name, value.toString());
            }
        });
        return environment;
    }

    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }
}
