package devstack.lifecycle;

import devstack.config.Settings;
import devstack.console.Console;
import devstack.script.ScriptContext;
import devstack.system.PackageLists;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The core's pre-install step: the prerequisite lists of every enabled service ({@code $FILES/debs/<service>})
 * and of every external plugin ({@code <clone>/devstack/files/debs/<name>}), installed in one package-manager
 * transaction before the pre-install hooks, as DevStack's install_prereqs does.
 */
final class Prerequisites {
    /** An external plugin's package lists: its {@code devstack/files} directory and the name it was enabled as. */
    record PluginLists(String name, Path filesDir) {
    }

    private final Settings settings;
    private final ScriptContext context;
    private final List<PluginLists> plugins = new ArrayList<>();

    Prerequisites(Settings settings, ScriptContext context) {
        this.settings = settings;
        this.context = context;
    }

    void addPlugin(String name, Path filesDir) {
        plugins.add(new PluginLists(name, filesDir));
    }

    /** Reads every list file there is, so that a malformed one stops the run before anything changes. */
    void validate() {
        PackageLists lists = lists();
        List<Path> dirs = new ArrayList<>(List.of(lists.listDirectory(settings.path("FILES"))));
        plugins.forEach(p -> dirs.add(lists.listDirectory(p.filesDir())));
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(Files::isRegularFile).sorted().forEach(lists::read);
            } catch (java.io.IOException e) {
                throw new devstack.config.ConfigurationException("cannot list " + dir + ": " + e.getMessage());
            }
        }
    }

    /** The packages the enabled services and plugins need, each once, in list order. */
    List<String> packages() {
        PackageLists lists = lists();
        List<String> services = new ArrayList<>(List.of("general"));
        services.addAll(settings.services().enabled());
        Set<String> packages = new LinkedHashSet<>(lists.packages(settings.path("FILES"), services));
        for (PluginLists plugin : plugins) {
            Path list = lists.listDirectory(plugin.filesDir()).resolve(plugin.name());
            if (Files.isRegularFile(list)) {
                packages.addAll(lists.read(list));
            }
        }
        return new ArrayList<>(packages);
    }

    /** Installs them all with one package-manager call (none when they are all installed already). */
    void install(Console console) {
        List<String> packages = packages();
        if (!packages.isEmpty()) {
            console.summary("Installing package prerequisites");
            context.packages().install(packages);
        }
    }

    private PackageLists lists() {
        return new PackageLists(context.machine().os().distro(), context.machine().os().packageFormat());
    }
}
