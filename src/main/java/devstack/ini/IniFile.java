package devstack.ini;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * An ini file as a list of lines, edited the way DevStack's {@code inc/ini-config}
 * helpers edit it: same placement, same formatting, none of the sed accidents.
 *
 * <p>The rules, shared by every operation:
 * <ul>
 * <li>A <b>header</b> of section {@code S} is a line starting, in column 0, with the
 *     literal text {@code [S]}; text after the {@code ]} is allowed ({@code [S] ; c}).</li>
 * <li>A <b>section line</b> is any line starting with {@code [} with a {@code ]} later on
 *     it, even {@code [x] = 1}. Each header of S starts a range that runs to the next
 *     section line (exclusive) or the end of the file. Every header gets its own range,
 *     so a duplicate header, adjacent or not, never hides a block.</li>
 * <li>An <b>option line</b> of {@code O} is a line in a range that starts, in column 0,
 *     with the literal text {@code O}, then optional blanks or tabs, then {@code =}.
 *     Indented and commented lines are not options.</li>
 * <li>Names are literal text, never patterns; values are stored exactly as given.</li>
 * </ul>
 *
 * <p>Mutators silently do nothing when the section or option name is empty, as
 * DevStack's do. Values may not contain line breaks: one value is one line. A name that would change
 * the file's structure ({@code [evil]}, {@code #k}, {@code k=v}) is refused: see {@link IniNames}.
 */
public final class IniFile {

    private final List<String> lines;

    /** An empty file. */
    public IniFile() {
        this.lines = new ArrayList<>();
    }

    private IniFile(List<String> lines) {
        this.lines = lines;
    }

    /** Splits text into lines; a final line break ends the last line rather than starting an empty one. */
    public static IniFile parse(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        // "a\n" splits into ["a", ""]: an empty tail is not a line, so "" has no lines at all.
        // A last line without its line break ("a") is still a line; render() will end it.
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return new IniFile(lines);
    }

    /** The file's text: every line followed by {@code \n}. */
    public String render() {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        return text.toString();
    }

    /** The lines, read-only, without their line breaks (a CRLF file keeps its {@code \r}). */
    public List<String> lines() {
        return Collections.unmodifiableList(lines);
    }

    /**
     * Sets an option, adding its section or the option itself where needed.
     * DevStack: {@code iniset [-sudo] config-file section option value}.
     *
     * <p>A missing section is appended after a blank line ({@code \n[S]\nO = V});
     * a missing option goes right under every header of the section; an existing
     * option gets the new value on every one of its lines, each line keeping its
     * own {@code O<ws>=<ws>} spacing.
     */
    public void iniset(String section, String option, String value) {
        if (isEmpty(section) || isEmpty(option)) {
            return;
        }
        String text = value == null ? "" : value;
        checkNames(section, option);
        checkOneLine("value", text);
        if (headers(section).isEmpty()) {
            appendSection(section);
        }
        List<Integer> found = optionLines(section, option);
        if (found.isEmpty()) {
            insertAfterHeaders(section, List.of(option + " = " + text));
            return;
        }
        for (int index : found) {
            lines.set(index, replaceValue(lines.get(index), option, text));
        }
    }

    /**
     * Returns the value of the last occurrence of an option, trimmed; empty when
     * the section or option is missing.
     * DevStack: {@code iniget config-file section option}.
     */
    public String iniget(String section, String option) {
        List<String> values = values(section, option);
        return values.isEmpty() ? "" : values.get(values.size() - 1);
    }

    /**
     * Returns every value of a (multi-line) option in file order, joined with single spaces.
     * DevStack: {@code iniget_multiline config-file section option}.
     *
     * <p>Empty values are left out, as DevStack's unquoted {@code echo} leaves them out.
     */
    public String inigetMultiline(String section, String option) {
        List<String> present = new ArrayList<>();
        for (String value : values(section, option)) {
            if (!value.isEmpty()) {
                present.add(value);
            }
        }
        return String.join(" ", present);
    }

    /**
     * Returns every value of an option in file order, each trimmed, empty ones included.
     * No DevStack counterpart: the list {@code iniget_multiline} flattens into one string.
     */
    public List<String> values(String section, String option) {
        List<String> values = new ArrayList<>();
        if (isEmpty(section) || isEmpty(option)) {
            return values;
        }
        for (int index : optionLines(section, option)) {
            String line = lines.get(index);
            // trim() also drops the \r of a CRLF file.
            values.add(line.substring(afterEquals(line, option)).trim());
        }
        return values;
    }

    /**
     * Tells whether the section has a line for the option (an empty value counts).
     * DevStack: {@code ini_has_option [-sudo] config-file section option}.
     */
    public boolean iniHasOption(String section, String option) {
        return !isEmpty(section) && !isEmpty(option) && !optionLines(section, option).isEmpty();
    }

    /**
     * Comments out every line of the option in the section by prefixing {@code #}.
     * DevStack: {@code inicomment [-sudo] config-file section option}.
     */
    public void inicomment(String section, String option) {
        if (isEmpty(section) || isEmpty(option)) {
            return;
        }
        for (int index : optionLines(section, option)) {
            lines.set(index, "#" + lines.get(index));
        }
    }

    /**
     * Uncomments the option in the section: {@code <indent>#<blanks>O<ws>=...} becomes
     * {@code <indent>O<ws>=...}. Lines commented with {@code ;} are left alone.
     * DevStack: {@code iniuncomment [-sudo] config-file section option}.
     */
    public void iniuncomment(String section, String option) {
        if (isEmpty(section) || isEmpty(option)) {
            return;
        }
        for (int index : linesInSection(section, line -> uncommented(line, option) != null)) {
            lines.set(index, uncommented(lines.get(index), option));
        }
    }

    /**
     * Deletes every line of the option in the section.
     * DevStack: {@code inidelete [-sudo] config-file section option}.
     */
    public void inidelete(String section, String option) {
        if (isEmpty(section) || isEmpty(option)) {
            return;
        }
        List<Integer> found = optionLines(section, option);
        // Back to front, so the indices still to delete stay valid.
        for (int i = found.size() - 1; i >= 0; i--) {
            lines.remove((int) found.get(i));
        }
    }

    /**
     * Replaces all lines of the option with one {@code O = v} line per value, at the
     * top of the section, in argument order; appends the section if it is missing.
     * With no values the option is just deleted.
     * DevStack: {@code iniset_multiline [-sudo] config-file section option value1 value2 ...}.
     *
     * <p>Unlike DevStack, a value is never split at blanks nor glob-expanded.
     */
    public void inisetMultiline(String section, String option, List<String> values) {
        if (isEmpty(section) || isEmpty(option)) {
            return;
        }
        if (values.isEmpty()) {
            inidelete(section, option);
            return;
        }
        checkNames(section, option);
        List<String> newLines = new ArrayList<>();
        for (String value : values) {
            String text = value == null ? "" : value;
            checkOneLine("value", text);
            newLines.add(option + " = " + text);
        }
        if (headers(section).isEmpty()) {
            appendSection(section);
        } else {
            inidelete(section, option);
        }
        insertAfterHeaders(section, newLines);
    }

    /**
     * Adds values to a multi-line option: the existing values, then the new ones, all
     * moved to the top of the section.
     * DevStack: {@code iniadd [-sudo] config-file section option value1 value2 ...}.
     */
    public void iniadd(String section, String option, List<String> values) {
        if (isEmpty(section) || isEmpty(option)) {
            return;
        }
        List<String> all = new ArrayList<>(values(section, option));
        all.addAll(values);
        inisetMultiline(section, option, all);
    }

    /**
     * Adds one more {@code O = V} line right under every header of the section, keeping
     * the lines already there; does nothing if the section is missing.
     * DevStack: {@code iniadd_literal [-sudo] config-file section option value}.
     */
    public void iniaddLiteral(String section, String option, String value) {
        if (isEmpty(section) || isEmpty(option)) {
            return;
        }
        String text = value == null ? "" : value;
        checkNames(section, option);
        checkOneLine("value", text);
        insertAfterHeaders(section, List.of(option + " = " + text));
    }

    /**
     * Lists the section names in file order, duplicates kept: for every section line,
     * the text between its {@code [} and its first {@code ]}.
     * DevStack: {@code iniget_sections config-file}.
     */
    public List<String> inigetSections() {
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            if (isSectionLine(line)) {
                names.add(line.substring(1, line.indexOf(']')));
            }
        }
        return names;
    }

    /** The option names of a section in file order, each once: its {@code name = value} lines, not comments. */
    public List<String> options(String section) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (int index : linesInSection(section, line -> !line.startsWith("#") && !line.startsWith(";")
                && line.indexOf('=') > 0)) {
            String line = lines.get(index);
            names.add(line.substring(0, line.indexOf('=')).trim());
        }
        return new ArrayList<>(names);
    }

    // ----- the shared rules -----

    /** A line that ends any section's range: {@code [} in column 0 and a {@code ]} after it. */
    private static boolean isSectionLine(String line) {
        return line.startsWith("[") && line.indexOf(']', 1) > 0;
    }

    private static boolean isHeader(String line, String section) {
        return line.startsWith("[" + section + "]");
    }

    private List<Integer> headers(String section) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (isHeader(lines.get(i), section)) {
                found.add(i);
            }
        }
        return found;
    }

    /** Indices of the lines, inside any range of the section, that {@code wanted} accepts. */
    private List<Integer> linesInSection(String section, Predicate<String> wanted) {
        List<Integer> found = new ArrayList<>();
        boolean inSection = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (isSectionLine(line)) {
                // Also true for a second header of the same section: it opens a range of its own.
                inSection = isHeader(line, section);
            } else if (inSection && wanted.test(line)) {
                found.add(i);
            }
        }
        return found;
    }

    private List<Integer> optionLines(String section, String option) {
        return linesInSection(section, line -> afterEquals(line, option) >= 0);
    }

    /**
     * If the line is an option line of {@code option} ({@code O}, blanks or tabs, {@code =}),
     * the index just after its {@code =}; otherwise -1.
     */
    private static int afterEquals(String line, String option) {
        if (!line.startsWith(option)) {
            return -1;
        }
        int i = skipBlanks(line, option.length());
        return i < line.length() && line.charAt(i) == '=' ? i + 1 : -1;
    }

    private static int skipBlanks(String line, int from) {
        int i = from;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** Keeps the line's own {@code O<ws>=<ws>} and swaps what follows for the new value. */
    private static String replaceValue(String line, String option, String value) {
        int prefixEnd = skipBlanks(line, afterEquals(line, option));
        // Unlike sed's ".*$", keep the \r of a CRLF line: the file stays consistent.
        String lineEnd = line.endsWith("\r") ? "\r" : "";
        return line.substring(0, prefixEnd) + value + lineEnd;
    }

    /** The line without its {@code #<blanks>} if it is a commented-out option line, else null. */
    private static String uncommented(String line, String option) {
        int hash = skipBlanks(line, 0);
        if (hash >= line.length() || line.charAt(hash) != '#') {
            return null;
        }
        String rest = line.substring(skipBlanks(line, hash + 1));
        return afterEquals(rest, option) >= 0 ? line.substring(0, hash) + rest : null;
    }

    /** DevStack appends {@code \n[S]}: a blank line, then the header. */
    private void appendSection(String section) {
        lines.add("");
        lines.add("[" + section + "]");
    }

    /** Puts {@code newLines}, in order, right under every header of the section. */
    private void insertAfterHeaders(String section, List<String> newLines) {
        List<Integer> found = headers(section);
        // Back to front, so the headers still to visit keep their indices.
        for (int i = found.size() - 1; i >= 0; i--) {
            lines.addAll(found.get(i) + 1, newLines);
        }
    }

    private static boolean isEmpty(String name) {
        return name == null || name.isEmpty();
    }

    /** Names that would change the file's structure are refused (the rules: {@link IniNames}). */
    private static void checkNames(String section, String option) {
        IniNames.checkSection(section);
        IniNames.checkOption(option);
    }

    /** A line break would smuggle extra lines, even headers, into the file. */
    private static void checkOneLine(String what, String text) {
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(what + " must not contain a line break: "
                    + text.replace("\r", "\\r").replace("\n", "\\n"));
        }
    }
}
