package devstack.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A parsed {@code local.conf}: its meta-sections {@code [[group|file]]}, each with its body lines and their line
 * numbers. Text before the first header belongs to no section and is ignored, as in DevStack. A line that starts
 * with {@code [[} must be a well-formed header: a typo in one is an error, never a reason to ignore a block.
 */
public final class LocalConf {
    /** One line of a body, with its 1-based line number in local.conf. */
    public record Line(int number, String text) {
    }

    /** One {@code [[group|file]]} block; {@code file} is the unexpanded file spec. */
    public record MetaSection(String group, String file, int headerLine, List<Line> body) {
    }

    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9._-]+");

    private final Path path;
    private final List<MetaSection> sections;

    private LocalConf(Path path, List<MetaSection> sections) {
        this.path = path;
        this.sections = sections;
    }

    public Path path() {
        return path;
    }

    public List<MetaSection> sections() {
        return sections;
    }

    /** The blocks of one group, in file order. */
    public List<MetaSection> sections(String group) {
        return sections.stream().filter(s -> s.group().equals(group)).toList();
    }

    /** The concatenated bodies of every {@code [[group|file]]} block for this literal file spec. */
    public List<Line> body(String group, String file) {
        List<Line> lines = new ArrayList<>();
        sections(group).stream().filter(s -> s.file().equals(file)).forEach(s -> lines.addAll(s.body()));
        return lines;
    }

    /**
     * Reads local.conf. Something at {@code path} that is not a readable regular file (a directory, a dangling
     * symlink) is an error rather than a missing local.conf: the run must not fall back to the defaults.
     */
    public static LocalConf read(Path path) {
        return parse(path, ConfigFile.readLines(path, "local.conf"));
    }

    static LocalConf parse(Path path, List<String> lines) {
        String name = path.getFileName().toString();
        List<MetaSection> sections = new ArrayList<>();
        List<Line> body = null;
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            int number = i + 1;
            if (text.stripLeading().startsWith("[[")) {
                MetaSection section = header(name, number, text);
                body = section.body();
                sections.add(section);
            } else if (body != null) {
                body.add(new Line(number, text));
            }
        }
        return new LocalConf(path, List.copyOf(sections));
    }

    /**
     * A meta-section header, DevStack's {@code [[group|file]]} (reference §5): only a well-formed one is taken, and
     * any other line that starts with {@code [[} is an error, because DevStack would silently read it as body text
     * and the block meant to follow it would be lost. Blanks around the names are trimmed; text after {@code ]]} is
     * ignored, as in DevStack.
     */
    private static MetaSection header(String name, int number, String text) {
        String hint = "write a meta-section header as [[group|file]] at the start of the line, e.g. [[local|localrc]] "
                + "or [[post-config|$NOVA_CONF]]";
        if (!text.startsWith("[[")) {
            throw malformed(name, number, text, "it does not start at the beginning of the line", hint);
        }
        int close = text.indexOf("]]", 2);
        if (close < 0) {
            throw malformed(name, number, text, "it has no closing ]]", hint);
        }
        String inside = text.substring(2, close);
        int bar = inside.indexOf('|');
        if (bar < 0) {
            throw malformed(name, number, text, "it has no '|' between the group and the file", hint);
        }
        String group = inside.substring(0, bar).trim();
        String file = inside.substring(bar + 1).trim();
        if (group.isEmpty()) {
            throw ConfigurationException.at(name, number, "meta-section header '" + text.trim()
                    + "' has an empty group", "write it as [[group|file]], e.g. [[post-config|$NOVA_CONF]]");
        }
        if (!GROUP.matcher(group).matches()) {
            throw malformed(name, number, text, "the group '" + group + "' is not a name (letters, digits, '-', "
                    + "'_', '.')", hint);
        }
        if (file.indexOf('|') >= 0 || file.indexOf('[') >= 0 || file.indexOf(']') >= 0) {
            throw malformed(name, number, text, "the file '" + file + "' contains '|', '[' or ']'", hint);
        }
        return new MetaSection(group, file, number, new ArrayList<>());
    }

    private static ConfigurationException malformed(String name, int number, String text, String why, String hint) {
        return ConfigurationException.at(name, number, "malformed meta-section header '" + text.strip() + "': " + why,
                hint);
    }
}
