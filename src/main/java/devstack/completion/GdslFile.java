package devstack.completion;

import devstack.config.Settings;
import devstack.script.HelperApi;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code devstack.gdsl}: IntelliJ IDEA's description of what a plugin file can call and read, so that the IDE
 * completes, documents and resolves the helpers and the settings in {@code extras.d/*.groovy},
 * {@code nova_plugins/hypervisor-*.groovy}, {@code lib/*.groovy} and an external plugin's {@code devstack/*.groovy}.
 * The build writes it into the jar from the helper API itself ({@link HelperApi}: every public method of
 * {@code PluginScript}, with its Javadoc read from the source) and from the settings (the defaults the code sets,
 * and the ones docs/configuration.md and docs/helpers.md describe), so a new helper or setting cannot be left out.
 */
public final class GdslFile {
    /** The plugin files, as IntelliJ matches a file's whole path. */
    static final List<String> PLUGIN_PATHS = List.of(".*/extras\\.d/[^/]+\\.groovy",
            ".*/nova_plugins/hypervisor-[^/]+\\.groovy", ".*/lib/[^/]+\\.groovy", ".*/devstack/[^/]+\\.groovy",
            ".*/devstack/lib/[^/]+\\.groovy");

    private static final Pattern JAVADOC = Pattern.compile(
            "/\\*\\*((?:(?!\\*/).)*)\\*/\\s*((?:@\\w+(?:\\([^)]*\\))?\\s*)*)public\\s+[\\w<>\\[\\], .]+?\\s+(\\w+)\\s*\\(([^)]*)\\)",
            Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("`(\\$[12]|[A-Za-z_][A-Za-z0-9_]*)`");

    private GdslFile() {
    }

    /** Run by the build: {@code GdslFile PROJECT_DIR OUTPUT}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: GdslFile PROJECT_DIR OUTPUT");
        }
        Path project = Path.of(args[0]);
        String text = of(Files.readString(project.resolve("src/main/java/devstack/script/PluginScript.java")),
                settings(Files.readString(project.resolve("docs/configuration.md")),
                        Files.readString(project.resolve("docs/helpers.md"))));
        Path output = Path.of(args[1]);
        Files.createDirectories(output.toAbsolutePath().getParent());
        Path temporary = output.resolveSibling(output.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The file: every helper of {@link HelperApi} with its Javadoc from {@code apiSource} (PluginScript.java), and
     * every setting of {@code settings} (name to description), for each plugin path.
     */
    static String of(String apiSource, Map<String, String> settings) {
        Map<String, String> docs = javadoc(apiSource);
        StringBuilder gdsl = new StringBuilder();
        gdsl.append("// devstack.gdsl - written by the build from devstack.script.PluginScript and the settings; "
                + "do not edit.\n")
                .append("// IntelliJ IDEA reads it from a source root or from target/devstack.jar as a library "
                        + "(docs/plugins.md#completion-in-the-ide).\n\n")
                .append("def pluginFiles = [\n");
        for (String path : PLUGIN_PATHS) {
            gdsl.append("    context(scope: scriptScope(), pathRegexp: ").append(quote(path)).append("),\n");
        }
        gdsl.append("]\n\ncontributor(pluginFiles) {\n");
        for (Map.Entry<String, List<HelperApi.Signature>> helper : HelperApi.get().all().entrySet()) {
            for (HelperApi.Signature signature : helper.getValue()) {
                String doc = docs.getOrDefault(key(signature.method()), docs.getOrDefault(helper.getKey(), ""));
                method(gdsl, signature, named(signature), doc);
                if (!signature.flag().isEmpty()) {
                    // The real signature too, for calls with the flag first: iniset '-sudo', file, ...
                    method(gdsl, signature, real(signature.method()), doc);
                }
            }
        }
        settings.forEach((name, doc) -> gdsl.append("    property name: ").append(quote(name))
                .append(", type: 'java.lang.String', doc: ").append(quote(doc)).append('\n'));
        return gdsl.append("}\n").toString();
    }

    private static void method(StringBuilder gdsl, HelperApi.Signature signature, Map<String, String> params,
                               String doc) {
        gdsl.append("    method name: ").append(quote(signature.name())).append(", type: ")
                .append(quote(signature.method().getGenericReturnType().getTypeName())).append(", params: [");
        List<String> entries = new ArrayList<>();
        params.forEach((name, type) -> entries.add(name + ": " + quote(type)));
        gdsl.append(entries.isEmpty() ? ":" : String.join(", ", entries)).append("], doc: ").append(quote(doc))
                .append('\n');
    }

    /** The parameters as the helper is called: named, the last taking any number when its name ends in '...'. */
    private static Map<String, String> named(HelperApi.Signature signature) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < signature.names().size(); i++) {
            String name = signature.names().get(i);
            String type = signature.types().get(i).getName();
            params.put(name.replace("...", ""), name.endsWith("...") ? type + "[]" : type);
        }
        return params;
    }

    private static Map<String, String> real(Method method) {
        Map<String, String> params = new LinkedHashMap<>();
        for (java.lang.reflect.Parameter parameter : method.getParameters()) {
            params.put(parameter.getName(), parameter.getType().getComponentType() != null
                    ? parameter.getType().getComponentType().getName() + "[]" : parameter.getType().getName());
        }
        return params;
    }

    /** Each public method's Javadoc in PluginScript.java, as HTML, by name and parameter types. */
    static Map<String, String> javadoc(String source) {
        Map<String, String> docs = new LinkedHashMap<>();
        Matcher matcher = JAVADOC.matcher(source);
        while (matcher.find()) {
            String doc = html(matcher.group(1));
            String key = matcher.group(3) + "(" + parameterTypes(matcher.group(4)) + ")";
            docs.put(key, doc);
            docs.putIfAbsent(matcher.group(3), doc);
        }
        return docs;
    }

    private static String parameterTypes(String parameters) {
        List<String> types = new ArrayList<>();
        for (String parameter : parameters.split(",")) {
            String trimmed = parameter.trim();
            if (!trimmed.isEmpty()) {
                types.add(trimmed.substring(0, trimmed.lastIndexOf(' ')).trim().replaceAll("<.*>", ""));
            }
        }
        return String.join(", ", types);
    }

    private static String key(Method method) {
        List<String> types = new ArrayList<>();
        Class<?>[] parameters = method.getParameterTypes();
        for (int i = 0; i < parameters.length; i++) {
            boolean rest = method.isVarArgs() && i == parameters.length - 1;
            types.add(rest ? parameters[i].getComponentType().getSimpleName() + "..." : parameters[i].getSimpleName());
        }
        return method.getName() + "(" + String.join(", ", types) + ")";
    }

    /** A Javadoc comment's text as the HTML IntelliJ shows. */
    private static String html(String comment) {
        StringBuilder text = new StringBuilder();
        for (String line : comment.split("\n")) {
            String trimmed = line.trim();
            trimmed = trimmed.startsWith("*") ? trimmed.substring(1).trim() : trimmed;
            if (!trimmed.isEmpty()) {
                text.append(text.length() == 0 ? "" : " ").append(trimmed);
            }
        }
        return inlineTags(text.toString());
    }

    /** {@code {@code x}} and {@code {@link #x}} as {@code <code>x</code>}, braces inside counted, text escaped. */
    private static String inlineTags(String text) {
        StringBuilder html = new StringBuilder();
        int at = 0;
        while (at < text.length()) {
            int open = text.indexOf("{@", at);
            if (open < 0) {
                break;
            }
            int depth = 0;
            int end = open;
            for (; end < text.length(); end++) {
                char c = text.charAt(end);
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                if (depth == 0) {
                    break;
                }
            }
            if (end >= text.length()) {
                break;
            }
            html.append(text, at, open);
            String tag = text.substring(open + 2, end);
            String content = tag.substring(tag.indexOf(' ') < 0 ? tag.length() : tag.indexOf(' ') + 1);
            html.append("<code>").append(escape(content.startsWith("#") ? content.substring(1) : content))
                    .append("</code>");
            at = end + 1;
        }
        return html.append(text.substring(at)).toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * The settings a plugin reads, with what each is: every default the code sets (read from {@link Settings} on an
     * empty tree), the settings docs/configuration.md lists, and the variables docs/helpers.md lists.
     */
    static Map<String, String> settings(String configuration, String helpers) {
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, String> described = new LinkedHashMap<>();
        section(helpers, "## Variables every plugin sees").ifPresent(text -> tableRows(text, described));
        section(configuration, "## Settings and their defaults").ifPresent(text -> {
            Map<String, String> defaults = new LinkedHashMap<>();
            tableRows(text, defaults);
            defaults.forEach((name, doc) -> described.putIfAbsent(name, "default: " + doc));
            bullets(text, described);
        });
        for (String name : defaults()) {
            settings.put(name, described.getOrDefault(name, "a setting"));
        }
        described.forEach(settings::putIfAbsent);
        return settings;
    }

    /** The settings the code sets before any plugin runs, on a tree without local.conf and an empty environment. */
    private static List<String> defaults() {
        try {
            Path empty = Files.createTempDirectory("devstack-gdsl");
            try {
                Settings settings = Settings.load(empty, Map.of(), warning -> { }, (command, variables) -> "");
                return List.copyOf(settings.variables().asMap().keySet());
            } finally {
                Files.delete(empty);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Optional<String> section(String markdown, String heading) {
        int start = markdown.indexOf("\n" + heading + "\n");
        if (start < 0) {
            return Optional.empty();
        }
        int end = markdown.indexOf("\n## ", start + heading.length() + 1);
        return Optional.of(markdown.substring(start, end < 0 ? markdown.length() : end));
    }

    /** {@code | `A`, `B` | what they are |}: each name to the description. */
    private static void tableRows(String text, Map<String, String> into) {
        for (String line : text.split("\n")) {
            String[] cells = line.split("(?<!\\\\)\\|");
            if (line.startsWith("| `") && cells.length >= 3) {
                Matcher names = NAME.matcher(cells[1]);
                while (names.find()) {
                    into.putIfAbsent(names.group(1), plain(cells[2].trim()));
                }
            }
        }
    }

    /** {@code - `A`, `B`: what they do}, continued on indented lines: each name before the colon. */
    private static void bullets(String text, Map<String, String> into) {
        List<String> items = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("- ")) {
                items.add(line.substring(2));
            } else if (line.startsWith("  ") && !items.isEmpty()) {
                items.set(items.size() - 1, items.get(items.size() - 1) + " " + line.trim());
            } else if (!line.isBlank() && !line.startsWith("|")) {
                items.add("");
            }
        }
        for (String item : items) {
            int colon = item.indexOf("`: ") >= 0 ? item.indexOf("`: ") + 1 : item.indexOf("): ");
            if (!item.startsWith("`") || colon < 0) {
                continue;
            }
            Matcher names = NAME.matcher(item.substring(0, colon));
            while (names.find()) {
                into.putIfAbsent(names.group(1), plain(item.substring(colon + 1).trim()));
            }
        }
    }

    /** Markdown made plain HTML: code spans kept as code, links as their text. */
    private static String plain(String markdown) {
        return escape(markdown.replaceAll("\\[([^]]*)]\\([^)]*\\)", "$1").replace("\\|", "|"))
                .replaceAll("`([^`]*)`", "<code>$1</code>");
    }

    /** A Groovy single-quoted string. */
    static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
    }
}
