package devstack.lifecycle;

import devstack.check.CallCheck;
import devstack.config.ConfigMerger;
import devstack.config.ConfigurationException;
import devstack.config.Localrc;
import devstack.config.Settings;
import devstack.console.Console;
import devstack.console.SecretMask;
import devstack.external.ExternalPlugin;
import devstack.external.ExternalPlugins;
import devstack.plugin.ClassCache;
import devstack.plugin.PluginCheck;
import devstack.plugin.PluginCompiler;
import devstack.plugin.PluginSet;
import devstack.plugin.PluginTree;
import devstack.script.PluginRuntime;
import devstack.script.PluginScript;
import devstack.script.ScriptContext;
import devstack.system.CommandResult;
import devstack.system.Machine;
import devstack.system.OsVariables;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Prepares a run: loads the configuration, compiles and validates every plugin, and wires the helpers to the
 * machine. Everything that can be wrong with the input is found here, before any phase changes the machine.
 */
public final class Host {
    private Host() {
    }

    /**
     * How a run goes.
     *
     * @param fetchPlugins clone the external plugins ({@code stack} does; unstack and clean never clone)
     * @param cache        where compiled plugins are kept between runs: the user's cache for the program, the
     *                     test's JVM's for the test kit (never the environment a run gives its plugins)
     */
    public record Options(boolean fetchPlugins, ClassCache cache) {
    }

    /**
     * Prepares a run of the tree at {@code topDir} on {@code machine}: the real one, a dry run's, or the test kit's
     * recording machine; nothing here knows which.
     */
    public static Lifecycle prepare(Path topDir, Map<String, String> environment, Console console, Machine host,
                                    Options options) {
        Clock clock = Clock.systemUTC();
        Settings settings = Settings.load(topDir, environment, console::warn, commandSubstitution(host.commands()));
        SecretMask mask = new SecretMask(() -> settings.variables().asMap(), Arrays.stream(Phase.values())
                .map(Phase::toString).filter(name -> name.contains(" ")).toList());
        console.useMask(mask);
        mask.tooShortToHide().forEach(name -> console.warn(name + " has fewer than " + SecretMask.SHORT
                + " characters: too short to hide without hiding unrelated text, so it is shown as it is; use a "
                + "longer one (docs/configuration.md, Secrets)"));
        console.setVerbose(settings.isTrue("VERBOSE"));

        // From here on, every path the run creates is recorded, so that clean removes only what the host made.
        CreatedPaths machine = new CreatedPaths(host, settings.path("DEST"));
        PluginCompiler compiler = new PluginCompiler(PluginScript.class, options.cache());
        PluginCheck check = new PluginCheck(compiler);
        PluginSet plugins = PluginSet.check(PluginTree.discover(topDir, console::warn), check);
        // Every call the tree's plugins make, resolved before anything changes; a name only an external plugin
        // may define waits until they are compiled.
        CallCheck calls = CallCheck.of(settings);
        calls.check(check, settings.plugins().isEmpty() ? CallCheck.Unknown.ERROR : CallCheck.Unknown.LATER, List.of())
                .forEach(console::warn);
        check.throwIfAny();
        ScriptContext context = new ScriptContext(settings, console, machine, clock);
        // GetDistro's variables (os_VENDOR, os_RELEASE, os_CODENAME, os_PACKAGE, DISTRO), set before any plugin runs.
        OsVariables.of(machine.os()).forEach(settings.variables()::set);
        PluginRuntime runtime = new PluginRuntime(compiler, plugins, context);
        HypervisorPlugin hypervisor = new HypervisorPlugin(plugins, runtime, settings);
        MachineState state = new MachineState(settings, machine, console);
        List<LifecycleExtension> extensions = new ArrayList<>();
        Prerequisites prerequisites = new Prerequisites(settings, context);
        prerequisites.validate();
        // External plugins: cloned (stack only) and compiled once the run holds its lock, before any phase; they
        // run before the merges.
        // What can be checked without the clones is checked now, before anything changes.
        settings.plugins().forEach(ExternalPlugin::validate);
        extensions.add(new ExternalPluginStep(() -> ExternalPlugins.prepare(settings, console, compiler, runtime,
                machine, options.fetchPlugins(), (compiled, notCloned) -> calls.check(compiled, notCloned.isEmpty()
                        ? CallCheck.Unknown.ERROR : CallCheck.Unknown.WARNING, notCloned).forEach(console::warn)),
                prerequisites));
        settings.localConf().ifPresent(localConf -> extensions.add(new LocalConfMerges(new ConfigMerger(localConf,
                settings.variables(), console::warn, mergeTarget(machine, state)))));
        RunStatus status = new RunStatus(clock);
        PhaseRunner runner = new PhaseRunner(plugins, runtime, console, extensions, status, clock, machine);
        return new Lifecycle(settings, console, runner, hypervisor, state, extensions, machine, prerequisites,
                context, status, clock, calls);
    }

    /** The merged files live on the machine; their directories are created as the core's are. */
    private static ConfigMerger.Files mergeTarget(Machine machine, MachineState state) {
        Machine.Files files = machine.files();
        return new ConfigMerger.Files() {
            @Override
            public boolean exists(Path path) {
                return files.exists(path);
            }

            @Override
            public boolean isDirectory(Path path) {
                return files.isDirectory(path);
            }

            @Override
            public void createDirectories(Path dir) {
                state.createDirectory("a merged file's directory", dir);
            }

            @Override
            public Optional<byte[]> read(Path file) {
                return files.read(file, false);
            }

            @Override
            public void write(Path file, byte[] content) {
                files.write(file, content, OptionalInt.empty(), false);
            }
        };
    }

    /**
     * {@code $(command)} in localrc: the system shell runs it, as DevStack's bash would. It computes a setting
     * (HOST_IP=$(hostname -I ...)), so it runs in a dry run too: the plan must use the same settings as the run.
     */
    public static Localrc.CommandSubstitution commandSubstitution(Machine.Commands commands) {
        return (command, variables) -> {
            CommandResult result = commands.query(List.of("/bin/sh", "-c", command), variables);
            if (!result.succeeded()) {
                // Masked here with the settings read so far: the console has no mask before they are loaded.
                SecretMask mask = new SecretMask(() -> variables);
                throw new ConfigurationException(mask.apply("$(" + command + ") failed with exit code "
                        + result.exitCode() + (result.lastLines().isEmpty() ? ""
                        : ": " + String.join(" / ", result.lastLines()))),
                        "fix the command or replace it with a plain value");
            }
            return result.stdout();
        };
    }
}
