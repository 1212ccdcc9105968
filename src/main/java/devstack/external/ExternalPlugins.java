package devstack.external;

import devstack.config.Settings;
import devstack.config.Settings.PluginRequest;
import devstack.console.Console;
import devstack.plugin.CompiledPlugin;
import devstack.plugin.PluginCompiler;
import devstack.plugin.PluginException;
import devstack.plugin.PluginCheck;
import devstack.script.PluginRuntime;
import devstack.system.Machine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The external plugins of a run ({@code enable_plugin NAME URL [REF]}), as DevStack runs them (reference §2.4):
 * cloned into {@code $DEST/NAME} (by {@code stack} only), compiled with the rest before the first phase, then
 * {@code override-defaults.groovy} before the {@code source} phase, {@code settings.groovy} in the {@code source}
 * phase after the hooks, and {@code plugin.groovy} with {@code $1}/{@code $2} after the hooks of every later phase.
 * They run in {@code enable_plugin} order, except that a plugin runs after those it requires.
 */
public final class ExternalPlugins {
    /** A plugin's package lists: {@code filesDir/debs/NAME} or {@code filesDir/rpms/NAME}, if they exist. */
    public record PluginPackages(String name, Path filesDir) {
    }

    private final List<ExternalPlugin> plugins;
    private final PluginRuntime runtime;
    private final Console console;

    private ExternalPlugins(List<ExternalPlugin> plugins, PluginRuntime runtime, Console console) {
        this.plugins = plugins;
        this.runtime = runtime;
        this.console = console;
    }

    /**
     * Gets every enabled plugin ready before anything runs: validates the requests, clones them ({@code fetch},
     * which only {@code stack} does; otherwise a missing clone is skipped with a warning, as DevStack never clones
     * in unstack or clean), compiles all their files, and orders them by their requirements. A clone the machine
     * only plans (a dry run) is read from where the machine put a copy of it, under its own name.
     */
    public static ExternalPlugins prepare(Settings settings, Console console, PluginCompiler compiler,
                                          PluginRuntime runtime, Machine machine, boolean fetch) {
        return prepare(settings, console, compiler, runtime, machine, fetch, (check, notCloned) -> { });
    }

    /** More checks of the plugins' compiled files before they are judged: the calls they make. */
    public interface FileChecks {
        /**
         * Records in {@code check} what is wrong with the files it compiled; {@code notCloned} names the enabled
         * plugins this run could not read.
         */
        void check(PluginCheck check, List<String> notCloned);
    }

    /** {@link #prepare}, with {@code checks} made on the compiled files before anything is judged. */
    public static ExternalPlugins prepare(Settings settings, Console console, PluginCompiler compiler,
                                          PluginRuntime runtime, Machine machine, boolean fetch,
                                          FileChecks checks) {
        List<PluginRequest> requests = settings.plugins();
        requests.forEach(ExternalPlugin::validate);
        if (fetch && !requests.isEmpty()) {
            console.summary("Fetching DevStack plugins");
        }
        List<PluginRequest> present = new ArrayList<>();
        Map<PluginRequest, Path> checkouts = new HashMap<>();
        for (PluginRequest request : requests) {
            if (fetch) {
                Path checkout = machine.git().clone(new Machine.GitRequest(ExternalPlugin.who(request),
                        request.url(), request.gitDir(), request.ref(),
                        Machine.GitOptions.of(settings::get, settings.topDir())));
                checkouts.put(request, checkout);
                present.add(request);
            } else if (machine.files().isDirectory(request.gitDir())) {
                checkouts.put(request, request.gitDir());
                present.add(request);
            } else {
                console.warn(ExternalPlugin.who(request) + ": skipped: it is not cloned at " + request.gitDir()
                        + " and this run does not clone (only stack does)");
            }
        }

        PluginCheck check = new PluginCheck(compiler);
        Map<String, ExternalPlugin> byName = new LinkedHashMap<>();
        for (PluginRequest request : present) {
            Path checkout = checkouts.get(request);
            if (!checkout.equals(request.gitDir())) {
                // source "$DEST/<plugin>/devstack/lib/x.groovy" must find the copy.
                runtime.readFrom(request.gitDir(), checkout);
            }
            ExternalPlugin.check(request, checkout, check).ifPresent(plugin -> byName.put(request.name(), plugin));
        }
        checks.check(check, requests.stream().filter(r -> !present.contains(r)).map(PluginRequest::name).toList());
        check.throwIfAny();
        List<ExternalPlugin> ordered = PluginOrder.order(List.copyOf(byName.keySet()), requirements(byName.values(),
                console), requests.stream().map(PluginRequest::name).collect(Collectors.toSet()))
                .stream().map(byName::get).toList();
        return new ExternalPlugins(ordered, runtime, console);
    }

    /** The requirements the plugins' settings files declare; a requirement for another plugin is a warning. */
    static List<PluginOrder.Requirement> requirements(Iterable<ExternalPlugin> plugins, Console console) {
        List<PluginOrder.Requirement> requirements = new ArrayList<>();
        for (ExternalPlugin plugin : plugins) {
            Set<String> ownNames = plugin.declarations().defines().stream().map(PluginDeclarations.Declaration::name)
                    .collect(Collectors.toCollection(java.util.HashSet::new));
            ownNames.add(plugin.name());
            for (PluginDeclarations.Declaration requires : plugin.declarations().requires()) {
                if (!ownNames.contains(requires.name())) {
                    console.warn(requires.location() + ": plugin_requires " + requires.name() + " " + requires.other()
                            + ": this is plugin " + plugin.name() + "'s settings; the requirement is taken as "
                            + plugin.name() + "'s");
                }
                requirements.add(new PluginOrder.Requirement(plugin.name(), requires.other(),
                        requires.location().toString()));
            }
        }
        return requirements;
    }

    /** The plugins in the order they run. */
    public List<ExternalPlugin> plugins() {
        return plugins;
    }

    /**
     * Every plugin's package-list directory ({@code devstack/files}), in plugin order, for the prerequisite
     * installer: it reads {@code debs/NAME} (or {@code rpms/NAME}) there, NAME being the enable_plugin name.
     */
    public List<PluginPackages> packageLists() {
        return plugins.stream().map(p -> new PluginPackages(p.name(), p.filesDir())).toList();
    }

    /** Each plugin's {@code override-defaults.groovy}, logged with its content as DevStack does. */
    public void overrideDefaults() {
        boolean announced = false;
        for (ExternalPlugin plugin : plugins) {
            if (plugin.overrideDefaults().isEmpty()) {
                continue;
            }
            if (!announced) {
                console.detail("Overriding Configuration Defaults");
                announced = true;
            }
            CompiledPlugin file = plugin.overrideDefaults().get();
            console.detail(plugin.name() + " has overridden the following defaults");
            content(file.source().path()).forEach(console::detail);
            runtime.run(file, "", "");
        }
    }

    /** The {@code source} phase: each plugin's settings, each run through {@code guard}. */
    public void loadSettings(Consumer<Runnable> guard) {
        boolean announced = false;
        for (ExternalPlugin plugin : plugins) {
            if (plugin.settings().isPresent()) {
                if (!announced) {
                    console.detail("Loading plugin settings");
                    announced = true;
                }
                // DevStack sources settings from a function called without arguments: $1 and $2 are empty.
                guard.accept(() -> runtime.run(plugin.settings().get(), "", ""));
            }
        }
    }

    /** Every later phase: each plugin's plugin.groovy with {@code $1} and {@code $2}, run through {@code guard}. */
    public void runPhase(String first, String second, Consumer<Runnable> guard) {
        for (ExternalPlugin plugin : plugins) {
            console.detail("plugin " + plugin.name() + " " + (first + " " + second).trim());
            guard.accept(() -> runtime.run(plugin.plugin(), first, second));
        }
    }

    private static List<String> content(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PluginException(file + ": cannot be read: " + e.getMessage(), "make the file readable");
        }
    }
}
