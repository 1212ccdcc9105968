package devstack.config;

import java.util.Set;

/** DevStack's {@code trueorfalse}: the exact spellings it accepts, anything else gives the default verbatim. */
public final class TrueOrFalse {
    private static final Set<String> TRUE = Set.of("1", "yes", "Yes", "YES", "true", "True", "TRUE");
    private static final Set<String> FALSE = Set.of("0", "no", "No", "NO", "false", "False", "FALSE");

    private TrueOrFalse() {
    }

    public static String normalize(String defaultValue, String value) {
        if (TRUE.contains(value)) {
            return "True";
        }
        if (FALSE.contains(value)) {
            return "False";
        }
        return defaultValue;
    }
}
