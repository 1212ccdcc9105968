package devstack.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the words of one line of a localrc body the way bash does for the subset a configuration file uses:
 * single quotes (literal), double quotes (with expansion and {@code \" \\ \$ \`} escapes), backslash escapes,
 * {@code $NAME}, {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME-default}}, {@code ${NAME:=default}} and
 * {@code $(command)}, {@code ~} at the start of a word, and a {@code #} comment that starts a word. Unquoted expansions are split into several
 * words where the caller asks for it (command arguments), as bash does.
 */
final class ShellWords {
    /** Where an expansion reads and assigns variables and runs command substitutions. */
    interface Environment {
        String get(String name);

        boolean isSet(String name);

        void assign(String name, String value);

        String runCommand(String command);
    }

    /** A malformed line: the message says what is wrong, the caller adds file and line. */
    static final class SyntaxError extends RuntimeException {
        SyntaxError(String message) {
            super(message);
        }
    }

    private final String text;
    private final Environment env;
    private int pos;

    private ShellWords(String text, int start, Environment env) {
        this.text = text;
        this.pos = start;
        this.env = env;
    }

    /** The words of {@code text} from {@code start} on; unquoted expansions are split on blanks if {@code split}. */
    static List<String> words(String text, int start, Environment env, boolean split) {
        return new ShellWords(text, start, env).readWords(split);
    }

    /** Expands {@code $NAME} and {@code ${NAME}} only, keeping everything else literally (meta-section values). */
    static String expandVariables(String text, Function<String, String> lookup) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length()) {
                int end;
                String name;
                if (text.charAt(i + 1) == '{') {
                    end = text.indexOf('}', i + 2);
                    name = end < 0 ? null : text.substring(i + 2, end);
                    end++;
                } else {
                    end = i + 1;
                    while (end < text.length() && isNameChar(text.charAt(end), end == i + 1)) {
                        end++;
                    }
                    name = text.substring(i + 1, end);
                }
                if (name != null && Variables.isValidName(name)) {
                    out.append(lookup.apply(name));
                    i = end;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private List<String> readWords(boolean split) {
        List<String> words = new ArrayList<>();
        while (true) {
            skipBlanks();
            if (atEnd() || peek() == '#') {
                return words;
            }
            readWord(words, split);
        }
    }

    /** Reads one word; with {@code split}, blanks produced by unquoted expansions start new words. */
    private void readWord(List<String> words, boolean split) {
        StringBuilder word = new StringBuilder();
        boolean started = false;
        while (!atEnd() && !isBlank(peek())) {
            char c = next();
            switch (c) {
                case '\'' -> {
                    int end = text.indexOf('\'', pos);
                    if (end < 0) {
                        throw new SyntaxError("unterminated single quote");
                    }
                    word.append(text, pos, end);
                    pos = end + 1;
                    started = true;
                }
                case '"' -> {
                    word.append(readDoubleQuoted());
                    started = true;
                }
                case '\\' -> {
                    if (!atEnd()) {
                        word.append(next());
                    }
                    started = true;
                }
                case '$' -> {
                    String value = readExpansion();
                    if (split) {
                        String[] parts = value.split("[ \\t\\n]+", -1);
                        for (int i = 0; i < parts.length; i++) {
                            if (i > 0 && (started || word.length() > 0)) {
                                words.add(word.toString());
                                word.setLength(0);
                                started = false;
                            }
                            word.append(parts[i]);
                            started |= !parts[i].isEmpty();
                        }
                    } else {
                        word.append(value);
                        started = true;
                    }
                }
                case '`' -> throw new SyntaxError("backquote command substitution is not supported: use $(command)");
                case '~' -> {
                    // Tilde expansion: an unquoted ~ that starts a word and ends it or a path segment is $HOME.
                    boolean alone = atEnd() || peek() == '/' || isBlank(peek());
                    word.append(!started && word.length() == 0 && alone ? env.get("HOME") : "~");
                    started = true;
                }
                case ';', '&', '|', '<', '>', '(', ')' ->
                        throw new SyntaxError("'" + c + "' is shell syntax that a configuration line cannot use here");
                default -> {
                    word.append(c);
                    started = true;
                }
            }
        }
        if (started || word.length() > 0) {
            words.add(word.toString());
        }
    }

    private String readDoubleQuoted() {
        StringBuilder out = new StringBuilder();
        while (true) {
            if (atEnd()) {
                throw new SyntaxError("unterminated double quote");
            }
            char c = next();
            if (c == '"') {
                return out.toString();
            } else if (c == '\\' && !atEnd() && "\"\\$`\n".indexOf(peek()) >= 0) {
                out.append(next());
            } else if (c == '$') {
                out.append(readExpansion());
            } else if (c == '`') {
                throw new SyntaxError("backquote command substitution is not supported: use $(command)");
            } else {
                out.append(c);
            }
        }
    }

    /** After a {@code $}: a name, a braced expression or a command substitution. */
    private String readExpansion() {
        if (atEnd()) {
            return "$";
        }
        char c = peek();
        if (c == '{') {
            pos++;
            return readBraced();
        }
        if (c == '(') {
            pos++;
            return env.runCommand(readCommand());
        }
        int start = pos;
        while (!atEnd() && isNameChar(peek(), pos == start)) {
            pos++;
        }
        if (pos == start) {
            return "$";
        }
        return env.get(text.substring(start, pos));
    }

    private String readBraced() {
        int start = pos;
        while (!atEnd() && isNameChar(peek(), pos == start)) {
            pos++;
        }
        String name = text.substring(start, pos);
        if (name.isEmpty()) {
            throw new SyntaxError("bad substitution: ${ must be followed by a variable name");
        }
        if (atEnd()) {
            throw new SyntaxError("unterminated ${" + name);
        }
        char c = next();
        if (c == '}') {
            return env.get(name);
        }
        boolean colon = c == ':';
        char operator = colon ? (atEnd() ? '\0' : next()) : c;
        if (operator != '-' && operator != '=') {
            throw new SyntaxError("unsupported expansion ${" + name + (colon ? ":" : "") + operator
                    + "...}: only ${NAME}, ${NAME:-default}, ${NAME-default} and ${NAME:=default} are understood");
        }
        String word = readUntilBraceClose();
        boolean useDefault = colon ? env.get(name).isEmpty() : !env.isSet(name);
        if (!useDefault) {
            return env.get(name);
        }
        if (operator == '=') {
            env.assign(name, word);
        }
        return word;
    }

    /** The default word of {@code ${NAME:-word}}, itself expanded, up to the matching brace. */
    private String readUntilBraceClose() {
        StringBuilder out = new StringBuilder();
        while (true) {
            if (atEnd()) {
                throw new SyntaxError("unterminated ${...} expansion");
            }
            char c = next();
            switch (c) {
                case '}' -> {
                    return out.toString();
                }
                case '\'' -> {
                    int end = text.indexOf('\'', pos);
                    if (end < 0) {
                        throw new SyntaxError("unterminated single quote");
                    }
                    out.append(text, pos, end);
                    pos = end + 1;
                }
                case '"' -> out.append(readDoubleQuoted());
                case '$' -> out.append(readExpansion());
                case '\\' -> {
                    if (!atEnd()) {
                        out.append(next());
                    }
                }
                default -> out.append(c);
            }
        }
    }

    /** The text of {@code $(...)} up to its closing parenthesis, minding quotes and nesting. */
    private String readCommand() {
        int depth = 1;
        int start = pos;
        while (!atEnd()) {
            char c = next();
            if (c == '\'') {
                int end = text.indexOf('\'', pos);
                pos = end < 0 ? text.length() : end + 1;
            } else if (c == '\\') {
                pos = Math.min(pos + 1, text.length());
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return text.substring(start, pos - 1);
            }
        }
        throw new SyntaxError("unterminated $( command substitution");
    }

    private static boolean isNameChar(char c, boolean first) {
        return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (!first && c >= '0' && c <= '9');
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private void skipBlanks() {
        while (!atEnd() && isBlank(peek())) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return text.charAt(pos);
    }

    private char next() {
        return text.charAt(pos++);
    }
}
