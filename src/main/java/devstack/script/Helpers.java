package devstack.script;

/**
 * The helper groups of a run, one per capability. {@link PluginScript} delegates each helper to one of them; a new
 * helper is a method in its group and one delegating method there.
 */
final class Helpers {
    final ConsoleHelpers console;
    final ServiceHelpers services;
    final CommandHelpers commands;
    final FileHelpers files;
    final DiskHelpers disks;
    final PackageHelpers packages;
    final IniHelpers ini;
    final ProcessHelpers processes;
    final DistroHelpers distro;
    final SystemHelpers system;
    final PluginHelpers plugins;

    Helpers(ScriptContext context, PluginRuntime runtime) {
        console = new ConsoleHelpers(context, runtime);
        services = new ServiceHelpers(context, runtime);
        commands = new CommandHelpers(context, runtime);
        files = new FileHelpers(context, runtime);
        disks = new DiskHelpers(context, runtime);
        packages = new PackageHelpers(context, runtime);
        ini = new IniHelpers(context, runtime);
        processes = new ProcessHelpers(context, runtime);
        distro = new DistroHelpers(context, runtime);
        system = new SystemHelpers(context, runtime);
        plugins = new PluginHelpers(context, runtime);
    }
}
