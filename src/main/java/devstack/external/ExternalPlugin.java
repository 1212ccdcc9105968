package devstack.external;

import devstack.DevstackException;
import devstack.config.ConfigurationException;
import devstack.config.Settings.PluginRequest;
import devstack.plugin.CompiledPlugin;
import devstack.plugin.PluginCheck;
import devstack.system.GitClone;
import devstack.plugin.PluginException;
import devstack.plugin.PluginKind;
import devstack.plugin.PluginSource;
import devstack.plugin.PluginTree;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

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
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                PluginTree.checkReadable(path, named(request, checkout, path).toString(),
                        request.gitDir().resolve("devstack") + "/");
                sources.add(source(request, checkout, path));
            }
        }
        sources.addAll(libraries(request, checkout));
        return sources;
    }

    /**
     * Compiles a cloned plugin's files and reads its declarations, recording what is wrong under the plugin's name:
     * the one check that stack (before its first phase) and devstack plugins make. Empty when anything is wrong.
     */
    static Optional<ExternalPlugin> check(PluginRequest request, Path checkout, PluginCheck check) {
        try {
            Map<Path, CompiledPlugin> compiled = new HashMap<>();
            boolean valid = true;
            for (PluginSource source : sources(request, checkout)) {
                CompiledPlugin file = check.compile(request.name(), source);
                valid &= file != null;
                if (file != null) {
                    compiled.put(key(source.path()), file);
                }
            }
            return valid ? Optional.of(of(request, checkout, compiled)) : Optional.empty();
        } catch (DevstackException e) {
            check.problem(request.name(), e);
            return Optional.empty();
        }
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
        return new PluginSource(PluginKind.EXTERNAL, key(path), named(request, checkout, path).toString());
    }

    /** Where a file of the checkout lies in the clone: how messages name it. */
    private static Path named(PluginRequest request, Path checkout, Path path) {
        return key(request.gitDir().resolve(key(checkout).relativize(key(path)).toString()));
    }

    private static List<PluginSource> libraries(PluginRequest request, Path checkout) {
        Path lib = checkout.resolve(LIB);
        String shown = request.gitDir().resolve(LIB) + "/";
        List<PluginSource> sources = new ArrayList<>();
        for (Path path : PluginTree.entries(lib, shown)) {
            if (path.getFileName().toString().endsWith(".groovy")) {
                PluginTree.checkReadable(path, named(request, checkout, path).toString(), shown);
                sources.add(source(request, checkout, path));
            }
        }
        return sources;
    }
}
