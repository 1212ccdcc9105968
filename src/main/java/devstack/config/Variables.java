package devstack.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
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

    public static boolean isShellStyleName(String name) {
        return SHELL_STYLE_NAME.matcher(name).matches();
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
     * What a child process sees, as bash's children see its variables: every string-valued shell-style variable
     * (settings, the environment, globals plugins assigned).
     */
    public Map<String, String> exported() {
        Map<String, String> environment = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (value instanceof CharSequence && isShellStyleName(name)) {
                environment.put(name, value.toString());
            }
        });
        return environment;
    }

    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }
}
