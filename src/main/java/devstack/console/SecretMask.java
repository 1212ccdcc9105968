package devstack.console;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Hides the values of settings whose names contain PASSWORD, SECRET or TOKEN from every line a person or a log
 * file sees. The values are read at each call because plugins may set secrets at any time.
 */
public final class SecretMask {
    static final String MASK = "******";

    private final Supplier<Map<String, Object>> variables;

    public SecretMask(Supplier<Map<String, Object>> variables) {
        this.variables = variables;
    }

    public static SecretMask none() {
        return new SecretMask(Map::of);
    }

    public static boolean isSecretName(String name) {
        return devstack.config.Variables.isSecretName(name);
    }

    public String apply(String line) {
        List<String> secrets = variables.get().entrySet().stream()
                .filter(e -> isSecretName(e.getKey()) && e.getValue() != null)
                .map(e -> e.getValue().toString())
                .filter(value -> !value.isEmpty())
                // Longest first, so a secret that contains another is hidden whole.
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        String masked = line;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }
}
