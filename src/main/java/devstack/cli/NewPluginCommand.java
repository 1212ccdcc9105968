package devstack.cli;

import devstack.DevstackException;
import devstack.console.Console;
import devstack.scaffold.PluginName;
import devstack.scaffold.Scaffold;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code devstack new-plugin NAME}: a new hook, hypervisor plugin or external plugin, with a passing spec. */
@Command(name = "new-plugin", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = {"Create a new plugin, a small working one with a Spock specification written with the plugin "
                + "test kit: by default an extras.d hook (extras.d/NN-NAME.groovy dispatching to lib/NAME.groovy, "
                + "files/debs/NAME, files/rpms/NAME); with --hypervisor nova_plugins/hypervisor-NAME.groovy; with "
                + "--external DIR a plugin repository for enable_plugin.",
                "Never overwrites a file: if any exists, nothing is written and the command exits 2, naming them."})
final class NewPluginCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "The service and plugin name, e.g. my-service.")
    private String name;

    @Option(names = "--hypervisor", description = "Create a hypervisor plugin (VIRT_DRIVER=NAME) instead of a hook.")
    private boolean hypervisor;

    @Option(names = "--external", paramLabel = "DIR",
            description = "Create an external plugin repository in DIR (new or empty) instead of a hook.")
    private Path external;

    @Option(names = "--number", paramLabel = "NN",
            description = "The hook's number (default: the first of 50, 60, 70, 80 that extras.d does not use).")
    private String number;

    @Mixin
    private TopDirOption topDir;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        if (hypervisor && external != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--hypervisor and --external are different kinds of plugin: give one of them");
        }
        if (number != null && (hypervisor || external != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--number is for hooks only");
        }
        PrintWriter out = spec.commandLine().getOut();
        Console console = new Console(out, spec.commandLine().getErr());
        try {
            PluginName plugin = PluginName.of(name);
            Scaffold scaffold = external != null ? Scaffold.external(external, plugin)
                    : hypervisor ? Scaffold.hypervisor(topDir.resolve(), plugin)
                    : Scaffold.hook(topDir.resolve(), plugin, number, console::warn);
            var written = scaffold.write();
            out.println("new " + (external != null ? "external plugin" : hypervisor ? "hypervisor plugin" : "hook")
                    + " " + plugin.name() + " in " + scaffold.root() + ":");
            written.created().forEach(path -> out.println("created " + path));
            written.kept().forEach(path -> out.println("kept    " + path + " (it exists; shared by the tree's specs)"));
            out.println();
            scaffold.next().forEach(line -> out.println("  " + line));
            out.flush();
            return ExitCodes.OK;
        } catch (DevstackException e) {
            return CommandFailure.report(console, e);
        }
    }
}
