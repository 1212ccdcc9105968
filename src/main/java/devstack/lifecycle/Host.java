package devstack.lifecycle;

import devstack.config.ConfigMerger;
import devstack.config.Localrc;
import devstack.config.Settings;
import devstack.config.ConfigurationException;
import devstack.console.Console;
import devstack.console.SecretMask;
import devstack.external.ExternalPlugin;
import devstack.external.ExternalPlugins;
import devstack.external.GitClone;
import devstack.plugin.ClassCache;
import devstack.plugin.PluginCompiler;
import devstack.plugin.PluginSet;
import devstack.plugin.PluginTree;
import devstack.script.PluginRuntime;
import devstack.script.PluginScript;
import devstack.script.ScriptContext;
import devstack.system.CommandRunner;
import devstack.system.DryRun;
import devstack.system.OsRelease;
import devstack.system.PackageManager;
import devstack.system.PackageTools;
import devstack.system.Packages;
import devstack.system.Proxies;
import devstack.system.Privilege;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
     * @param dryRun       print every change to the machine instead of making it
     */
    public record Options(boolean fetchPlugins, boolean dryRun) {
    }

    /** Prepares unstack or clean: external plugins are used where they are cloned, never cloned. */
    public static Lifecycle prepare(Path topDir, Map<String, String> environment, Console console) {
        return prepare(topDir, environment, console, new Options(false, false));
    }

    public static Lifecycle prepare(Path topDir, Map<String, String> environment, Console console,
                                    Options options) {
        DryRun dryRun = options.dryRun() ? new DryRun(console) : null;
        boolean fetchPlugins = options.fetchPlugins() && !options.dryRun();
        CommandRunner commands = new CommandRunner(console, dryRun);
        Privilege privilege = Privilege.ofCurrentUser();
        Settings settings = Settings.load(topDir, environment, console::warn, commandSubstitution(commands));
        console.useMask(new SecretMask(() -> settings.variables().asMap()));
        console.setVerbose(settings.isTrue("VERBOSE"));

        PluginCompiler compiler = new PluginCompiler(PluginScript.class,
                ClassCache.forUser(environment, console::detail));
        PluginSet plugins = PluginSet.load(PluginTree.discover(topDir, console::warn), compiler);
        ScriptContext context = new ScriptContext(settings, console, commands, privilege, OsRelease::ofThisMachine,
                () -> new Packages(PackageManager.forDistribution(OsRelease.ofThisMachine(), commands,
                        () -> new PackageTools(commands, privilege, Proxies.from(settings::get))),
                        console, () -> settings.isTrue("NO_UPDATE_REPOS") || settings.isTrue("OFFLINE"),
                        () -> settings.isTrue("OFFLINE")));
        // GetDistro's variables (os_VENDOR, os_RELEASE, os_CODENAME, os_PACKAGE, DISTRO), set before any plugin runs.
        devstack.system.OsVariables.of(context.os()).forEach(settings.variables()::set);
        PluginRuntime runtime = new PluginRuntime(compiler, plugins, context);
        HypervisorPlugin hypervisor = new HypervisorPlugin(plugins, runtime, settings);
        MachineState machine = new MachineState(settings, commands, privilege, dryRun);
        List<LifecycleExtension> extensions = new ArrayList<>();
        Prerequisites prerequisites = new Prerequisites(settings, context);
        prerequisites.validate();
        // External plugins: cloned (stack only) and compiled once the run holds its lock, before any phase; they
        // run before the merges.
        // What can be checked without the clones is checked now, before anything changes.
        settings.plugins().forEach(ExternalPlugin::validate);
        GitClone git = new GitClone(commands, console, settings);
        extensions.add(new ExternalPluginStep(() -> ExternalPlugins.prepare(settings, console, compiler, runtime, git,
                fetchPlugins), prerequisites));
        settings.localConf().ifPresent(localConf -> extensions.add(new LocalConfMerges(new ConfigMerger(localConf,
                settings.variables(), console::warn, dir -> machine.createDirectory("a merged file's directory", dir),
                dryRun == null ? ConfigMerger.FileEdits.direct()
                        : (file, edit) -> dryRun.edit(file, target -> {
                            edit.accept(target);
                            return null;
                        })))));
        Clock clock = Clock.systemUTC();
        RunStatus status = new RunStatus(clock);
        PhaseRunner runner = new PhaseRunner(plugins, runtime, console, extensions, status, clock);
        return new Lifecycle(settings, console, runner, hypervisor, machine, extensions, commands, prerequisites,
                context, status, clock, dryRun != null);
    }

    /**
     * {@code $(command)} in localrc: the system shell runs it, as DevStack's bash would. It computes a setting
     * (HOST_IP=$(hostname -I ...)), so it runs in a dry run too: the plan must use the same settings as the run.
     */
    public static Localrc.CommandSubstitution commandSubstitution(CommandRunner commands) {
        return (command, variables) -> {
            CommandRunner.Result result = commands.query(List.of("/bin/sh", "-c", command), variables);
            if (!result.succeeded()) {
                throw new ConfigurationException("$(" + command + ") failed with exit code " + result.exitCode()
                        + (result.lastLines().isEmpty() ? "" : ": " + String.join(" / ", result.lastLines())),
                        "fix the command or replace it with a plain value");
            }
            return result.stdout();
        };
    }
}
