package devstack.config;

import devstack.ini.IniEditor;
import devstack.ini.IniFile;
import devstack.ini.IniNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Merges local.conf's meta-sections ({@code [[post-config|$NOVA_CONF]]} and friends) into their ini files, with
 * DevStack's layout: new options at the top of their section in local.conf order, existing options replaced in
 * place, an option given several times becomes a multi-line option, new sections appended, missing directories
 * created, and the file created even when the block sets nothing. Values get {@code $VAR} and {@code ${VAR}}
 * expanded and are otherwise kept literally (DevStack's eval drops double quotes and backslashes).
 */
public final class ConfigMerger {
    /** One {@code key = value} line of a block. */
    record Option(String key, String value, int line) {
    }

    /** A run of options under one {@code [section]} header of a block. */
    record Section(String name, List<Option> options) {
    }

    /** Where the merged files live: the run's machine. */
    public interface Files extends IniEditor.Storage {
        boolean exists(Path path);

        boolean isDirectory(Path path);

        /** Creates a directory for a merged file, through sudo where the user cannot. */
        void createDirectories(Path dir);
    }

    private final LocalConf localConf;
    private final Variables variables;
    private final Consumer<String> warn;
    private final Files files;
    private final Map<String, List<Section>> parsed = new LinkedHashMap<>();

    /** Parses every block up front, so a malformed line stops the run before anything changes. */
    public ConfigMerger(LocalConf localConf, Variables variables, Consumer<String> warn, Files files) {
        this.localConf = localConf;
        this.variables = variables;
        this.warn = warn;
        this.files = files;
        for (LocalConf.MetaSection block : localConf.sections()) {
            if (!block.group().equals("local")) {
                parsed.computeIfAbsent(key(block.group(), block.file()),
                        k -> parse(fileName(), localConf.body(block.group(), block.file()), warn));
            }
        }
    }

    /** merge_config_group: merges every file of {@code group}, in order of first appearance. */
    public void mergeGroup(String group) {
        Set<String> specs = new LinkedHashSet<>();
        localConf.sections(group).forEach(block -> specs.add(block.file()));
        for (String spec : specs) {
            LocalConf.MetaSection first = localConf.sections(group).stream()
                    .filter(b -> b.file().equals(spec)).findFirst().orElseThrow();
            String expanded = expandSpec(spec, first.headerLine());
            if (expanded.isEmpty()) {
                warn.accept(fileName() + ":" + first.headerLine() + ": [[" + group + "|" + spec + "]]: the file name "
                        + "expands to nothing; skipping it (is the variable set?)");
                continue;
            }
            merge(Path.of(expanded), parsed.get(key(group, spec)), first.headerLine());
        }
    }

    private void merge(Path file, List<Section> sections, int headerLine) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && files.exists(parent) && !files.isDirectory(parent)) {
            throw ConfigurationException.at(fileName(), headerLine, "cannot merge into " + file + ": "
                    + parent + " is not a directory", "fix the file name of the meta-section");
        }
        if (parent != null && !files.exists(parent)) {
            files.createDirectories(parent);
        }
        IniEditor.on(files).edit(file, true, ini -> apply(ini, sections, this::expandValue));
    }

    /**
     * Applies the blocks as DevStack's generated calls do: per section, the options in reverse order of first
     * appearance, each {@code iniset} (inserting at the top), or for a repeated option {@code inidelete},
     * {@code iniset} of the last value and {@code iniadd_literal} of the others in reverse, which leaves new
     * options at the top of the section in local.conf order.
     */
    static void apply(IniFile ini, List<Section> sections, Function<String, String> expand) {
        for (Section section : sections) {
            Map<String, List<String>> values = new LinkedHashMap<>();
            section.options().forEach(o -> values.computeIfAbsent(o.key(), k -> new ArrayList<>())
                    .add(expand.apply(o.value())));
            List<String> keys = new ArrayList<>(values.keySet());
            for (int i = keys.size() - 1; i >= 0; i--) {
                String key = keys.get(i);
                List<String> all = values.get(key);
                if (all.size() == 1) {
                    ini.iniset(section.name(), key, all.get(0));
                    continue;
                }
                ini.inidelete(section.name(), key);
                ini.iniset(section.name(), key, all.get(all.size() - 1));
                for (int j = all.size() - 2; j >= 0; j--) {
                    ini.iniaddLiteral(section.name(), key, all.get(j));
                }
            }
        }
    }

    /** Reads a block body: {@code [section]} headers, {@code key = value} lines, comments and indented lines. */
    static List<Section> parse(String fileName, List<LocalConf.Line> body, Consumer<String> warn) {
        List<Section> sections = new ArrayList<>();
        // DevStack collects the values of a key across the whole body: a repeat joins the entry that holds the
        // key's first value, and a new key opens an entry only when its section is not the last entry's.
        Map<String, Section> holders = new HashMap<>();
        String current = null;
        for (LocalConf.Line line : body) {
            String text = line.text();
            // A ';' line is an ini comment too: DevStack would copy it into the file as a commented-out option.
            if (text.isEmpty() || text.startsWith(" ") || text.startsWith("\t") || text.startsWith("#")
                    || text.startsWith(";")) {
                continue;
            }
            if (text.startsWith("[")) {
                int close = text.indexOf(']');
                if (close < 2) {
                    throw ConfigurationException.at(fileName, line.number(), "malformed section header '" + text
                            + "'", "write it as [section]");
                }
                current = text.substring(1, close);
                checkName(fileName, line, "section", IniNames.sectionProblem(current));
                continue;
            }
            int eq = text.indexOf('=');
            if (eq <= 0) {
                throw ConfigurationException.at(fileName, line.number(), "'" + text + "' is not an option line",
                        "write option = value under a [section] header");
            }
            if (current == null) {
                warn.accept(fileName + ":" + line.number() + ": '" + text + "' comes before any [section] and is "
                        + "ignored, as in DevStack");
                continue;
            }
            Option option = new Option(text.substring(0, eq).stripTrailing(), text.substring(eq + 1).strip(),
                    line.number());
            checkName(fileName, line, "option", IniNames.optionProblem(option.key()));
            String section = current;
            Section holder = holders.computeIfAbsent(section + "\0" + option.key(), id -> {
                Section last = sections.isEmpty() ? null : sections.get(sections.size() - 1);
                if (last == null || !last.name().equals(section)) {
                    last = new Section(section, new ArrayList<>());
                    sections.add(last);
                }
                return last;
            });
            holder.options().add(option);
        }
        return sections;
    }

    /** A name iniset would refuse is reported now, at its local.conf line, before anything changes. */
    private static void checkName(String fileName, LocalConf.Line line, String what, String problem) {
        if (problem != null) {
            throw ConfigurationException.at(fileName, line.number(), "'" + line.text() + "': the " + what
                    + " name cannot be written: " + problem, "see docs/helpers.md (ini files) for the names allowed");
        }
    }

    private String expandValue(String value) {
        return ShellWords.expandVariables(value, variables::getString);
    }

    /** A file spec is expanded as DevStack's eval would: variables, defaults, command substitution. */
    private String expandSpec(String spec, int line) {
        try {
            return String.join(" ", ShellWords.words(spec, 0, new VariablesEnvironment(variables, (command, environment) -> {
                throw new ShellWords.SyntaxError("command substitution is not allowed in a file name");
            }), false));
        } catch (ShellWords.SyntaxError e) {
            throw ConfigurationException.at(fileName(), line, e.getMessage() + ": " + spec, null);
        }
    }

    private String fileName() {
        return localConf.path().getFileName().toString();
    }

    private static String key(String group, String file) {
        return group + "|" + file;
    }
}
