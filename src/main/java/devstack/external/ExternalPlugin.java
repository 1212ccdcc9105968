package devstack.external;

import devstack.config.ConfigurationException;
import devstack.config.Settings.PluginRequest;
import devstack.plugin.CompiledPlugin;
import devstack.system.GitClone;
import devstack.plugin.PluginException;
import devstack.plugin.PluginKind;
import devstack.plugin.PluginSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One enabled external plugin, cloned and compiled: the repository's {@code devstack/override-defaults.groovy}
 * and {@code devstack/settings.groovy} (both optional), {@code devstack/plugin.groovy} (required), its libraries
 * {@code devstack/lib/*.groovy} (compiled in advance for their syntax errors), and the declarations read from its
 * settings file. Its files are read from {@code checkout}: the clone in {@code $DEST/NAME}, or the copy a dry run
 * fetched instead; messages name them by their place in the clone.
 */
public record ExternalPlugin(PluginRequest request, Path checkout, Optional<CompiledPlugin> overrideDefaults,
                             Optional<CompiledPlugin> settings, CompiledPlugin plugin,
                             PluginDeclarations declarations) {
    public static final String OVERRIDE_DEFAULTS = "devstack/override-defaults.groovy";
    public static final String SETTINGS = "devstack/settings.groovy";
    public static final String PLUGIN = "devstack/plugin.groovy";
    public static final String LIB = "devstack/lib";
    public static final String FILES = "devstack/files";

    /** A name that is one directory under DEST: letters, digits, '.', '_', '-', not starting with '.' or '-'. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

    public String name() {
        return request.name();
    }

    /** The clone: {@code $DEST/NAME}, DEST as set when the enable_plugin line ran. */
    public Path dir() {
        return request.gitDir();
    }

    /** The directory of its package lists, {@code devstack/files} ({@code debs/NAME}, {@code rpms/NAME}). */
    public Path filesDir() {
        return checkout.resolve(FILES);
    }

    /** Checks what an enable_plugin line asks for before anything touches the disk or the network. */
    public static void validate(PluginRequest request) {
        if (!NAME.matcher(request.name()).matches()) {
            throw new ConfigurationException(request.origin() + ": enable_plugin: '" + request.name()
                    + "' is not a plugin name", "a plugin name is one directory under DEST: letters, digits, "
                    + "'.', '_' and '-', not starting with '.' or '-'");
        }
        String who = who(request);
        try {
            GitClone.validateRemote(who, request.url());
            GitClone.validateRef(who, request.ref());
        } catch (ConfigurationException e) {
            throw new ConfigurationException(request.origin() + ": " + e.getMessage(), e.hint());
        }
    }

    /** How messages name the plugin. */
    static String who(PluginRequest request) {
        return "plugin " + request.name();
    }

    /** The plugin's files to compile, in the order they run; an error if the clone has no plugin.groovy. */
    static List<PluginSource> sources(PluginRequest request, Path checkout) {
        Path dir = checkout;
        if (!Files.isRegularFile(dir.resolve(PLUGIN))) {
            throw new PluginException(who(request) + ": " + request.gitDir() + " has no " + PLUGIN + " (enabled at "
                    + request.origin() + " from " + request.url() + " " + request.ref() + ")",
                    "an external plugin's repository holds devstack/plugin.groovy; see docs/plugins.md");
        }
        List<PluginSource> sources = new ArrayList<>();
        for (String file : List.of(OVERRIDE_DEFAULTS, SETTINGS, PLUGIN)) {
            Path path = dir.resolve(file);
            if (Files.isRegularFile(path)) {
                sources.add(source(request, checkout, path));
            }
        }
        sources.addAll(libraries(request, checkout));
        return sources;
    }

    /** Builds the plugin from its compiled files ({@code compiled} by path). */
    static ExternalPlugin of(PluginRequest request, Path checkout, Map<Path, CompiledPlugin> compiled) {
        Path dir = checkout;
        Optional<CompiledPlugin> settings = Optional.ofNullable(compiled.get(key(dir.resolve(SETTINGS))));
        PluginDeclarations declarations = settings
                .map(s -> PluginDeclarations.scan(s.source().path(), s.source().displayName()))
                .orElse(PluginDeclarations.NONE);
        return new ExternalPlugin(request, checkout, Optional.ofNullable(compiled.get(key(dir.resolve(OVERRIDE_DEFAULTS)))),
                settings, compiled.get(key(dir.resolve(PLUGIN))), declarations);
    }

    /** The key under which a compiled file is found: its absolute, normal path. */
    static Path key(Path path) {
        return path.toAbsolutePath().normalize();
    }

    /**
     * A plugin file as the compiler reads it (from the checkout) and as every message names it: by its absolute
     * path in the clone.
     */
    private static PluginSource source(PluginRequest request, Path checkout, Path path) {
        Path absolute = key(path);
        Path named = key(request.gitDir().resolve(key(checkout).relativize(absolute)));
        return new PluginSource(PluginKind.EXTERNAL, absolute, named.toString());
    }

    private static List<PluginSource> libraries(PluginRequest request, Path checkout) {
        Path lib = checkout.resolve(LIB);
        if (!Files.isDirectory(lib)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(lib)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(".groovy") && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .map(p -> source(request, checkout, p)).toList();
        } catch (IOException e) {
            throw new PluginException(lib + ": cannot be listed: " + e.getMessage(), "make the directory readable");
        }
    }
}
