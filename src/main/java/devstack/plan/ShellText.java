package devstack.plan;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A shell command as it reads with the variables it takes from its environment filled in ({@code mkdir -p
 * "$DEST/x"} → {@code mkdir -p "/opt/stack/x"}), so that a plan or a test can show where a command would act. Only
 * {@code $NAME} and {@code ${NAME}} of variables the environment holds are filled in; the rest stays as written. It
 * is for reading, not for running.
 */
final class ShellText {
    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)}|([A-Za-z_][A-Za-z0-9_]*))");

    private ShellText() {
    }

    /** The shell command of {@code /bin/sh -c COMMAND} (after any sudo), or null for another command. */
    static String shellCommand(List<String> argv) {
        int shell = argv.indexOf("/bin/sh");
        return shell >= 0 && argv.size() == shell + 3 && argv.get(shell + 1).equals("-c") ? argv.get(shell + 2) : null;
    }

    static String expand(String command, Map<String, String> environment) {
        Matcher matcher = VARIABLE.matcher(command);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            String value = environment.get(name);
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? matcher.group() : value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
