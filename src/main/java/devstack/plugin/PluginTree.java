package devstack.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The plugin files of a tree: hooks in {@code extras.d} in lexical order of file name, hypervisor plugins in
 * {@code nova_plugins} by driver name, libraries in {@code lib}. Files that do not fit a name pattern are ignored
 * with one warning each, except documentation (README files) and hidden files. A file named as a plugin that cannot
 * be read, a dangling symlink included, is an error.
 */
public final class PluginTree {
    private static final Pattern HOOK = Pattern.compile("\\d\\d-[A-Za-z0-9][A-Za-z0-9._-]*\\.groovy");
    private static final Pattern HYPERVISOR = Pattern.compile("hypervisor-([A-Za-z0-9][A-Za-z0-9._-]*)\\.groovy");
    private static final Pattern LIBRARY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.groovy");

    private final Path topDir;
    private final List<PluginSource> hooks;
    private final Map<String, PluginSource> hypervisors;
    private final List<PluginSource> libraries;

    private PluginTree(Path topDir, List<PluginSource> hooks, Map<String, PluginSource> hypervisors,
                       List<PluginSource> libraries) {
        this.topDir = topDir;
        this.hooks = hooks;
        this.hypervisors = hypervisors;
        this.libraries = libraries;
    }

    public static PluginTree discover(Path topDir, Consumer<String> warn) {
        List<PluginSource> hooks = new ArrayList<>();
        for (Path file : files(topDir, PluginKind.HOOK)) {
            String name = file.getFileName().toString();
            if (HOOK.matcher(name).matches()) {
                hooks.add(source(topDir, PluginKind.HOOK, file));
            } else if (name.endsWith(".sh")) {
                warn.accept("extras.d/" + name + ": ignored: bash hooks are not run here; "
                        + "port it to extras.d/" + name.replaceAll("\\.sh$", ".groovy") + " (see docs/plugins.md)");
            } else if (!isDocumentation(name)) {
                warn.accept("extras.d/" + name + ": ignored: a hook is named NN-name.groovy (two digits, a dash, "
                        + "a name)");
            }
        }
        Map<String, PluginSource> hypervisors = new LinkedHashMap<>();
        for (Path file : files(topDir, PluginKind.HYPERVISOR)) {
            String name = file.getFileName().toString();
            Matcher matcher = HYPERVISOR.matcher(name);
            if (matcher.matches()) {
                hypervisors.put(matcher.group(1), source(topDir, PluginKind.HYPERVISOR, file));
            } else if (!isDocumentation(name)) {
                warn.accept("nova_plugins/" + name + ": ignored: a hypervisor plugin is named "
                        + "hypervisor-<VIRT_DRIVER>.groovy");
            }
        }
        List<PluginSource> libraries = new ArrayList<>();
        for (Path file : files(topDir, PluginKind.LIBRARY)) {
            if (LIBRARY.matcher(file.getFileName().toString()).matches()) {
                libraries.add(source(topDir, PluginKind.LIBRARY, file));
            }
        }
        return new PluginTree(topDir, List.copyOf(hooks), Map.copyOf(hypervisors), List.copyOf(libraries));
    }

    public Path topDir() {
        return topDir;
    }

    /** The hooks, in the order they run. */
    public List<PluginSource> hooks() {
        return hooks;
    }

    /** Hypervisor plugins by VIRT_DRIVER name. */
    public Map<String, PluginSource> hypervisors() {
        return hypervisors;
    }

    public List<PluginSource> libraries() {
        return libraries;
    }

    private static boolean isDocumentation(String name) {
        return name.startsWith(".") || name.startsWith("README");
    }

    private static PluginSource source(Path topDir, PluginKind kind, Path file) {
        String shown = kind.directory() + "/" + file.getFileName();
        checkReadable(file, shown, kind.directory() + "/");
        return new PluginSource(kind, file, shown);
    }

    /**
     * A file named as a plugin must be one the host can read: a dangling symlink, a special file (a fifo would
     * block the run) or an unreadable file is an error, never skipped, so that a plugin is never silently missing.
     */
    public static void checkReadable(Path file, String shown, String directory) {
        String hint = "make it a readable file (chmod a+r) or move it out of " + directory;
        if (Files.isSymbolicLink(file) && !Files.exists(file)) {
            throw new PluginException(shown + ": cannot be read: it is a dangling symlink (to " + linkTarget(file)
                    + ")", "point the link at an existing file or remove it from " + directory);
        }
        if (!Files.isRegularFile(file)) {
            throw new PluginException(shown + ": cannot be read: it is not a regular file", hint);
        }
        if (!Files.isReadable(file)) {
            throw new PluginException(shown + ": cannot be read", hint);
        }
    }

    /**
     * The entries of a plugin directory in lexical order of name, directories left out; none if the directory is
     * missing. Dangling symlinks and special files are kept, so that a plugin name among them is reported.
     */
    public static List<Path> entries(Path dir, String shown) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> !Files.isDirectory(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new PluginException(shown + ": cannot be listed: " + e.getMessage(),
                    "make the directory readable");
        }
    }

    private static List<Path> files(Path topDir, PluginKind kind) {
        return entries(topDir.resolve(kind.directory()), kind.directory() + "/");
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "?";
        }
    }
}
