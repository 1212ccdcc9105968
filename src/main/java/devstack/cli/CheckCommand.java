package devstack.cli;

import devstack.DevstackException;
import devstack.console.Console;
import devstack.external.PluginCatalog.Catalog;
import devstack.external.PluginCatalog.Entry;
import devstack.external.PluginCatalog.Validity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code devstack check}: the checks stack makes before its first phase, alone: every plugin compiles, defines what
 * it must, and calls only functions that exist, with arguments the helpers take. The same judgement as
 * {@code devstack plugins}, printed as the problems only.
 */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = {"Check every extras.d hook, hypervisor plugin, library and cloned external plugin before a "
                + "run, as stack does: each must compile and define what it must, every function it calls must be "
                + "a helper, a Groovy method, or a function it, a library it sources or another plugin defines (a "
                + "misspelt name gets a did-you-mean), and every helper must get a number of arguments it takes. "
                + "Nothing is cloned or run.",
                "Exits 2 if anything is wrong (stack would refuse to start), else 0."})
final class CheckCommand implements Callable<Integer> {
    @Mixin
    private TopDirOption topDir;

    @ParentCommand
    private DevstackCommand parent;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Console console = new Console(out, spec.commandLine().getErr());
        try {
            Path top = topDir.resolve();
            Catalog catalog = TreeCatalog.check(top, parent.environment(), console);
            for (Entry entry : catalog.entries()) {
                for (String problem : entry.problems()) {
                    List<String> lines = problem.lines().toList();
                    console.error(lines.get(0));
                    lines.stream().skip(1).forEach(console::errorDetail);
                }
            }
            catalog.warnings().forEach(console::warn);
            for (Entry entry : catalog.entries()) {
                if (entry.valid() == Validity.UNKNOWN && entry.problems().isEmpty()) {
                    console.warn("plugin " + entry.name() + " is not cloned, so it is not checked (stack clones it, "
                            + "then checks it)");
                }
                PluginsCommand.idleWarning(entry).ifPresent(console::warn);
            }
            long invalid = catalog.invalid();
            if (invalid > 0) {
                console.errorDetail("hint: fix the plugin" + (invalid > 1 ? "s" : "") + " above; stack would refuse "
                        + "to start (" + invalid + " invalid)");
                return ExitCodes.BAD_INPUT;
            }
            long checked = catalog.entries().stream().filter(e -> e.valid() == Validity.YES).count();
            out.println("checked " + checked + " plugin" + (checked == 1 ? "" : "s")
                    + " and the calls they make: no problems");
            out.flush();
            return ExitCodes.OK;
        } catch (DevstackException e) {
            return CommandFailure.report(console, e);
        }
    }
}
