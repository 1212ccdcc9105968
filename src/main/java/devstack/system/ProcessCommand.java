package devstack.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The command line of a service process as {@code run_process} starts it: {@code setsid} (its own session and
 * process group), then the user ({@code runuser -u USER --} as root, {@code sudo -u USER} otherwise), the extra
 * environment ({@code env NAME=value ...}, which survives sudo), then the command itself through {@code /bin/sh -c}
 * or, with a group, {@code sg GROUP -c} (a simple command gets {@code exec}, see {@link #shellCommand}). A user and
 * a group together become {@code runuser -u USER -g GROUP} ({@code sudo -u USER -g GROUP}), since sg would ask
 * the new user for the group's password.
 */
public final class ProcessCommand {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** A command of plain words only: no quotes, expansions, redirections, lists or pipes. */
    private static final Pattern PLAIN_WORDS = Pattern.compile("[A-Za-z0-9_./+@%:,= -]+");
    /** Words after which the shell, not a program, runs what follows; the program check skips them. */
    private static final Set<String> SHELL_WORDS = Set.of("while", "until", "for", "if", "case", "{", "(", "!",
            "cd", ".", "eval", "exec", "set", "export", "trap", "ulimit", "umask", "test", "[", "echo", "printf",
            "true", "false", ":", "read", "wait", "command", "nohup", "exit");

    private final String command;
    /** The words of an argument-list command, each passed as it is; null for a shell command line. */
    private final List<String> words;
    private final String group;
    private final String user;
    private final Map<String, String> environment;

    private ProcessCommand(String command, List<String> words, String group, String user,
                           Map<String, String> environment) {
        this.command = command;
        this.words = words;
        this.group = group;
        this.user = user;
        this.environment = environment;
    }

    /**
     * A command with its optional group, user and environment ({@code NAME=value} words; single or double quotes
     * keep blanks in a value). Empty strings and nulls mean none.
     *
     * @throws IllegalArgumentException if the command is empty or a word of {@code env} is not {@code NAME=value}
     */
    public static ProcessCommand of(String command, String group, String user, String env) {
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("the command is empty");
        }
        return new ProcessCommand(command.trim(), null, blankToNull(group), blankToNull(user), parseEnvironment(env));
    }

    /**
     * A command given as its words (program first): each word reaches the program as it is, blanks, quotes and
     * {@code $} included, because the shell line is built with each word quoted. Paths from settings belong here.
     *
     * @throws IllegalArgumentException if there are no words or the program is empty
     */
    public static ProcessCommand of(List<String> words, String group, String user, String env) {
        if (words == null || words.isEmpty() || words.get(0) == null || words.get(0).isBlank()) {
            throw new IllegalArgumentException("the command is empty");
        }
        String line = String.join(" ", words.stream().map(ProcessCommand::quote).toList());
        return new ProcessCommand(line, List.copyOf(words), blankToNull(group), blankToNull(user),
                parseEnvironment(env));
    }

    /** A word quoted for the shell: single quotes, with each single quote written as {@code '\''}. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    public String command() {
        return command;
    }

    public Map<String, String> environment() {
        return environment;
    }

    /**
     * The argv that starts the process. {@code currentUser} running it needs no user switch; {@code root} decides
     * between runuser and sudo.
     */
    public List<String> argv(String currentUser, boolean root) {
        List<String> argv = new ArrayList<>(List.of("setsid"));
        boolean switchUser = user != null && !user.equals(currentUser);
        if (switchUser) {
            argv.addAll(root ? List.of("runuser", "-u", user) : List.of("sudo", "-n", "-u", user));
            if (group != null) {
                argv.addAll(List.of("-g", group));
            }
            if (root) {
                argv.add("--");
            }
        }
        if (!environment.isEmpty()) {
            argv.add("env");
            environment.forEach((name, value) -> argv.add(name + "=" + value));
        }
        if (group != null && !switchUser) {
            argv.addAll(List.of("sg", group, "-c", shellCommand()));
        } else {
            argv.addAll(List.of("/bin/sh", "-c", shellCommand()));
        }
        return argv;
    }

    /**
     * What the shell runs: a simple command of plain words is run with {@code exec}, so that the recorded pid is the
     * service's own process (as DevStack's {@code $command & echo $!} gives), not a shell waiting for it.
     */
    String shellCommand() {
        if (words != null) {
            return "exec " + command;
        }
        String first = command.split("\\s+")[0];
        boolean simple = PLAIN_WORDS.matcher(command).matches() && program().isPresent() && !first.equals("exec")
                && !isAssignment(first);
        return simple ? "exec " + command : command;
    }

    /**
     * The program the command runs, when it is a plain word the shell would look up (not a shell keyword or
     * builtin, not a word with quotes or expansions); {@code NAME=value} prefixes and {@code exec} are skipped.
     */
    Optional<String> program() {
        if (this.words != null) {
            return Optional.of(this.words.get(0));
        }
        String[] words = command.split("\\s+");
        int i = 0;
        while (i < words.length && isAssignment(words[i])) {
            i++;
        }
        if (i < words.length && words[i].equals("exec")) {
            i++;
        }
        if (i >= words.length) {
            return Optional.empty();
        }
        String word = words[i];
        if (SHELL_WORDS.contains(word) || !word.matches("[A-Za-z0-9_./+@%:,-]+")) {
            return Optional.empty();
        }
        return Optional.of(word);
    }

    /**
     * The program the command runs, if it cannot be found: a path that is not an executable file, or a name on
     * none of the directories of {@code path} (the child's PATH).
     */
    public Optional<String> missingProgram(String path) {
        return program().filter(program -> !isFound(program, environment.getOrDefault("PATH", path)));
    }

    private static boolean isFound(String program, String path) {
        if (program.contains("/")) {
            return isExecutableFile(Path.of(program));
        }
        for (String dir : (path == null ? "" : path).split(":")) {
            if (!dir.isEmpty() && isExecutableFile(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isExecutableFile(Path file) {
        return Files.isRegularFile(file) && Files.isExecutable(file);
    }

    private static boolean isAssignment(String word) {
        int eq = word.indexOf('=');
        return eq > 0 && NAME.matcher(word.substring(0, eq)).matches();
    }

    /** {@code NAME=value} words, blank-separated; quotes keep blanks in a value and are removed. */
    static Map<String, String> parseEnvironment(String env) {
        Map<String, String> environment = new LinkedHashMap<>();
        if (env == null || env.isBlank()) {
            return environment;
        }
        for (String word : words(env)) {
            int eq = word.indexOf('=');
            if (eq <= 0 || !NAME.matcher(word.substring(0, eq)).matches()) {
                throw new IllegalArgumentException("the environment word '" + word + "' is not NAME=value");
            }
            environment.put(word.substring(0, eq), word.substring(eq + 1));
        }
        return environment;
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unterminated " + quote + " quote in the environment '" + text + "'");
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    @Override
    public String toString() {
        return command;
    }
}
