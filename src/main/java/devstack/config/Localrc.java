package devstack.config;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates a localrc body ({@code [[local|localrc]]} or a standalone {@code localrc}).
 *
 * <p>We parse it rather than hand it to bash: the body may only assign variables and call the service and plugin
 * functions, and parsing lets us name the exact line that is outside that subset instead of running arbitrary
 * shell with the host's privileges, and it keeps the run free of a bash dependency. {@code $(command)} is still
 * run with the system shell, as DevStack's bash would.
 */
public final class Localrc {
    private static final Pattern ASSIGNMENT =
            Pattern.compile("^(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)(\\+?=)");
    /** {@code export NAME ...}: every setting is visible to plugins and child processes anyway. */
    private static final Pattern EXPORT_ONLY = Pattern.compile("^export(\\s+[A-Za-z_][A-Za-z0-9_]*)+\\s*(#.*)?$");
    private static final Pattern CALL = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)(?=\\s|$)");

    private final Variables variables;
    private final ServiceSet services;
    private final CommandSubstitution commands;
    private final PluginRegistry plugins;
    /** Where each variable was last assigned ({@code local.conf:3}), for errors about its value. */
    private final java.util.Map<String, String> origins = new java.util.HashMap<>();

    /**
     * Runs {@code $(command)} with the variables so far in its environment, as bash's subshell sees them; returns
     * its output without trailing newlines, or throws with its error.
     */
    public interface CommandSubstitution {
        String run(String command, java.util.Map<String, String> environment);
    }

    /** Receives {@code enable_plugin NAME URL [REF]} lines. */
    public interface PluginRegistry {
        void enablePlugin(String name, String url, String ref, String origin);
    }

    public Localrc(Variables variables, ServiceSet services, CommandSubstitution commands, PluginRegistry plugins) {
        this.variables = variables;
        this.services = services;
        this.commands = commands;
        this.plugins = plugins;
    }

    /** Evaluates a standalone localrc file. */
    public void evaluate(Path file) {
        List<String> lines = ConfigFile.readLines(file, "localrc");
        List<LocalConf.Line> numbered = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            numbered.add(new LocalConf.Line(i + 1, lines.get(i)));
        }
        evaluate(file.getFileName().toString(), numbered);
    }

    /** The {@code file:line} of the assignment that last set {@code name}, if a line of the body did. */
    public java.util.Optional<String> origin(String name) {
        return java.util.Optional.ofNullable(origins.get(name));
    }

    /** Evaluates body lines; {@code fileName} names the file in errors. */
    public void evaluate(String fileName, List<LocalConf.Line> lines) {
        for (int i = 0; i < lines.size(); i++) {
            LocalConf.Line first = lines.get(i);
            StringBuilder text = new StringBuilder(first.text());
            // A trailing backslash continues the logical line, as in bash.
            while (endsWithContinuation(text) && i + 1 < lines.size()) {
                text.setLength(text.length() - 1);
                text.append(lines.get(++i).text());
            }
            try {
                evaluateLine(text.toString().strip(), fileName + ":" + first.number());
            } catch (ShellWords.SyntaxError e) {
                throw ConfigurationException.at(fileName, first.number(), e.getMessage() + ": " + shown(first.text().strip()),
                        "fix the quoting or expansion on that line");
            } catch (ConfigurationException e) {
                throw ConfigurationException.at(fileName, first.number(), e.getMessage(), e.hint());
            }
        }
    }

    private void evaluateLine(String line, String origin) {
        if (line.isEmpty() || line.startsWith("#") || EXPORT_ONLY.matcher(line).matches()) {
            return;
        }
        Matcher assignment = ASSIGNMENT.matcher(line);
        if (assignment.find()) {
            assign(assignment, line);
            origins.put(assignment.group(1), origin);
            return;
        }
        Matcher call = CALL.matcher(line);
        if (call.find()) {
            List<String> args = ShellWords.words(line, call.end(), environment(), true);
            if (runCall(call.group(1), args, origin)) {
                return;
            }
        }
        throw new ConfigurationException("cannot honour '" + shown(line) + "'",
                "a localrc line is a NAME=value assignment, a comment, or one of the calls enable_service, "
                        + "disable_service, disable_all_services, enable_plugin");
    }

    private void assign(Matcher assignment, String line) {
        String name = assignment.group(1);
        List<String> words = ShellWords.words(line, assignment.end(), environment(), false);
        String rest = line.substring(assignment.end());
        boolean blankAfterEquals = !rest.isEmpty() && Character.isWhitespace(rest.charAt(0))
                && !rest.strip().isEmpty() && !rest.strip().startsWith("#");
        if (words.size() > 1 || blankAfterEquals) {
            throw new ConfigurationException("'" + shown(line) + "' is an assignment followed by a command",
                    "quote a value that contains blanks: " + name + "=\"...\"");
        }
        String value = words.isEmpty() ? "" : words.get(0);
        if (assignment.group(2).equals("+=")) {
            value = variables.getString(name) + value;
        }
        variables.set(name, value);
    }

    /** Runs one of the calls a localrc may make; false for any other command. */
    private boolean runCall(String command, List<String> args, String origin) {
        switch (command) {
            case "enable_service" -> services.enable(args.toArray(String[]::new));
            case "disable_service" -> services.disable(args.toArray(String[]::new));
            case "disable_all_services" -> services.disableAll();
            case "enable_plugin" -> {
                if (args.size() < 2 || args.size() > 3) {
                    throw new ConfigurationException("enable_plugin takes NAME URL [REF], got "
                            + args.size() + " argument(s)");
                }
                plugins.enablePlugin(args.get(0), args.get(1), args.size() == 3 ? args.get(2) : "master", origin);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** A backslash ending the line continues it, unless it is inside a comment or single quotes (as in bash). */
    /** A line as an error message may show it: the value of a secret setting is hidden. */
    private static String shown(String line) {
        Matcher assignment = ASSIGNMENT.matcher(line);
        if (assignment.find() && Variables.isSecretName(assignment.group(1))) {
            return line.substring(0, assignment.end()) + "******";
        }
        return line;
    }

    private static boolean endsWithContinuation(CharSequence text) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (single) {
                single = c != '\'';
            } else if (c == '\\') {
                if (i == text.length() - 1) {
                    return true;
                }
                i++;
            } else if (dbl) {
                dbl = c != '"';
            } else if (c == '\'') {
                single = true;
            } else if (c == '"') {
                dbl = true;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))) {
                return false;
            }
        }
        return false;
    }

    private ShellWords.Environment environment() {
        return new VariablesEnvironment(variables, commands);
    }
}
