package devstack.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed {@code local.conf}: its meta-sections {@code [[group|file]]}, each with its body lines and their line
 * numbers. Text before the first header belongs to no section and is ignored, as in DevStack.
 */
public final class LocalConf {
    /** One line of a body, with its 1-based line number in local.conf. */
    public record Line(int number, String text) {
    }

    /** One {@code [[group|file]]} block; {@code file} is the unexpanded file spec. */
    public record MetaSection(String group, String file, int headerLine, List<Line> body) {
    }

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

    public static LocalConf read(Path path) {
        try {
            return parse(path, Files.readAllLines(path));
        } catch (IOException e) {
            throw new ConfigurationException("cannot read " + path + ": " + e.getMessage(),
                    "make local.conf readable or remove it");
        }
    }

    static LocalConf parse(Path path, List<String> lines) {
        String name = path.getFileName().toString();
        List<MetaSection> sections = new ArrayList<>();
        List<Line> body = null;
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            int number = i + 1;
            if (isHeader(text)) {
                String inside = text.substring(2, text.indexOf("]]", 2));
                int bar = inside.indexOf('|');
                String group = inside.substring(0, bar).trim();
                String file = inside.substring(bar + 1).trim();
                if (group.isEmpty()) {
                    throw ConfigurationException.at(name, number, "meta-section header '" + text.trim()
                            + "' has an empty group", "write it as [[group|file]], e.g. [[post-config|$NOVA_CONF]]");
                }
                body = new ArrayList<>();
                sections.add(new MetaSection(group, file, number, body));
            } else if (body != null) {
                body.add(new Line(number, text));
            }
        }
        return new LocalConf(path, List.copyOf(sections));
    }

    /** DevStack's header test: {@code [[}, something, {@code |}, anything, {@code ]]} at the start of a line. */
    private static boolean isHeader(String line) {
        if (!line.startsWith("[[")) {
            return false;
        }
        int close = line.indexOf("]]", 2);
        int bar = line.indexOf('|', 2);
        return close > 2 && bar > 2 && bar < close;
    }
}
