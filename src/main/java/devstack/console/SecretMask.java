package devstack.console;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.ConcurrentModificationException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one masking of the run: every line a person or a file sees (console, logs, pid files, error messages, the
 * dry run and its JSON plan, {@code devstack plugins}) passes through {@link #apply} first. It hides
 *
 * <ul>
 *   <li>the values of variables whose names contain PASSWORD, SECRET or TOKEN, read at each call because plugins
 *       may set secrets at any time. A value of several lines (a PEM key) is hidden line by line, each line on its
 *       own, so that it is hidden however the text around it is cut into lines;</li>
 *   <li>credentials in a URL's user part, whether or not a setting names them: the password of
 *       {@code scheme://user:password@host}, and the whole user part of an {@code http(s)://user@host} URL, which
 *       in a non-interactive run can only be a token (nothing could type the password).</li>
 * </ul>
 *
 * <p>How a line of a secret is found (docs/configuration.md, "Secrets", says the same to users):
 * <ul>
 *   <li>{@value #LONG} characters or more: everywhere, also inside other text ({@code mysql -pXk3j9aQ2w}). Such a
 *       value does not occur by chance, so hiding it garbles nothing.</li>
 *   <li>{@value #SHORT} to {@value #LONG} - 1 characters: only where it stands as a word of its own, or right after
 *       a one-letter option ({@code -pstack}). A short value is often an ordinary word: hidden inside
 *       {@code stack.sh} or {@code /opt/stack/logs} it would garble the line and, with it, give itself away.
 *       Letters, digits and {@code _} join a word, and so do {@code . / -} between two of them.</li>
 *   <li>Shorter than {@value #SHORT} characters, and the flag values {@code True} and {@code False}: never; they
 *       cannot be hidden without hiding unrelated text (the host warns about such a secret when it starts).</li>
 * </ul>
 * The host's own phrases (the phase names, {@code stack install}) are left whole: with
 * {@code ADMIN_PASSWORD=stack}, {@code ****** install} on every line would give the password away.
 */
public final class SecretMask {
    static final String MASK = "******";
    /** A secret line at least this long is hidden wherever it occurs. */
    public static final int LONG = 8;
    /** A secret line shorter than this is not hidden at all. */
    public static final int SHORT = 4;

    private static final Set<String> FLAGS = Set.of("True", "False", "true", "false", "TRUE", "FALSE");
    /** {@code scheme://user:password@}: the password is hidden. */
    private static final Pattern PASSWORD_IN_URL =
            Pattern.compile("(\\b[A-Za-z][A-Za-z0-9+.-]*://[^/@\\s:'\"]+:)[^/@\\s'\"]+@");
    /** {@code http(s)://user@}: the user part is a token. */
    private static final Pattern TOKEN_IN_URL = Pattern.compile("(\\b[Hh][Tt][Tt][Pp][Ss]?://)[^/@\\s:'\"]+@");
    /** How often a read of the variables is tried while another thread changes them. */
    private static final int READ_TRIES = 20;

    private final Supplier<? extends Map<String, ?>> variables;
    private final List<String> ownPhrases;

    public SecretMask(Supplier<? extends Map<String, ?>> variables) {
        this(variables, List.of());
    }

    /**
     * @param ownPhrases the host's own phrases of several words (the phase names), never masked where they stand
     *        as words of their own
     */
    public SecretMask(Supplier<? extends Map<String, ?>> variables, Collection<String> ownPhrases) {
        this.variables = variables;
        this.ownPhrases = List.copyOf(ownPhrases);
    }

    /** Hides credentials in URLs only: for output before any setting is known. */
    public static SecretMask none() {
        return new SecretMask(Map::of);
    }

    public static boolean isSecretName(String name) {
        return devstack.config.Variables.isSecretName(name);
    }

    /** The text with every secret hidden; a text of several lines is hidden line by line. */
    public String apply(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        List<String> secrets = secretLines();
        if (secrets == null) {
            // The variables could not be read: hide the whole text rather than risk showing a secret.
            return MASK;
        }
        String masked = text;
        for (String secret : secrets) {
            masked = hide(masked, secret, secret.length() < LONG);
        }
        masked = PASSWORD_IN_URL.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + "@"));
        return TOKEN_IN_URL.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + "@"));
    }

    /**
     * The secret names with a value (or a line of one) too short to hide: fewer than {@value #SHORT} characters.
     * For a warning when the run starts.
     */
    public List<String> tooShortToHide() {
        List<String> names = new ArrayList<>();
        variables.get().forEach((name, value) -> {
            if (isSecretName(name) && value != null && !FLAGS.contains(value.toString().strip())
                    && value.toString().lines().map(String::strip)
                    .anyMatch(line -> !line.isEmpty() && line.length() < SHORT)) {
                names.add(name);
            }
        });
        return names;
    }

    /**
     * Each line of each secret value that can be hidden, longest first (a secret that contains another is hidden
     * whole); null if the variables kept changing under the read.
     */
    private List<String> secretLines() {
        for (int attempt = 0; attempt < READ_TRIES; attempt++) {
            try {
                Set<String> lines = new LinkedHashSet<>();
                for (Map.Entry<String, ?> e : variables.get().entrySet()) {
                    if (e.getValue() != null && isSecretName(e.getKey())) {
                        e.getValue().toString().lines().map(String::strip)
                                .filter(line -> line.length() >= SHORT && !FLAGS.contains(line))
                                .forEach(lines::add);
                    }
                }
                List<String> sorted = new ArrayList<>(lines);
                sorted.sort(Comparator.comparingInt(String::length).reversed());
                return sorted;
            } catch (ConcurrentModificationException e) {
                // A plugin's thread assigned a variable while this one read them: read again.
                Thread.onSpinWait();
            }
        }
        return null;
    }

    /**
     * Hides each occurrence of {@code secret} (with {@code wordsOnly}: each that stands as a word of its own, or
     * follows a one-letter option), except inside the host's own phrases.
     */
    private String hide(String text, String secret, boolean wordsOnly) {
        int at = text.indexOf(secret);
        if (at < 0) {
            return text;
        }
        List<int[]> own = ownPhrasesIn(text);
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        while (at >= 0) {
            int end = at + secret.length();
            if ((!wordsOnly || standsAlone(text, at, end)) && !inside(own, at, end)) {
                out.append(text, copied, at).append(MASK);
                copied = end;
                at = text.indexOf(secret, end);
            } else {
                at = text.indexOf(secret, at + 1);
            }
        }
        return out.append(text, copied, text.length()).toString();
    }

    /** Where the host's own phrases stand as words of their own in {@code text}: start and end of each. */
    private List<int[]> ownPhrasesIn(String text) {
        List<int[]> ranges = new ArrayList<>();
        for (String phrase : ownPhrases) {
            for (int at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
                if (standsAlone(text, at, at + phrase.length())) {
                    ranges.add(new int[] {at, at + phrase.length()});
                }
            }
        }
        return ranges;
    }

    private static boolean inside(List<int[]> ranges, int start, int end) {
        return ranges.stream().anyMatch(r -> r[0] <= start && end <= r[1]);
    }

    private static boolean standsAlone(String text, int start, int end) {
        return !joinedBefore(text, start) && !joinedAfter(text, end);
    }

    /** Whether the text before {@code start} continues the same word (a one-letter option {@code -p} does not). */
    private static boolean joinedBefore(String text, int start) {
        if (start == 0) {
            return false;
        }
        char before = text.charAt(start - 1);
        if (isWordChar(before)) {
            // -pvalue: the value of a one-letter option, as in mysql -p$DATABASE_PASSWORD.
            boolean option = start >= 2 && text.charAt(start - 2) == '-' && Character.isLetter(before)
                    && (start == 2 || !isWordChar(text.charAt(start - 3)) && text.charAt(start - 3) != '-');
            return !option;
        }
        return isJoiner(before) && start >= 2 && isWordChar(text.charAt(start - 2));
    }

    private static boolean joinedAfter(String text, int end) {
        if (end == text.length()) {
            return false;
        }
        char after = text.charAt(end);
        return isWordChar(after) || isJoiner(after) && end + 1 < text.length() && isWordChar(text.charAt(end + 1));
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static boolean isJoiner(char c) {
        return c == '.' || c == '/' || c == '-';
    }
}
