package devstack.cli;

import devstack.DevstackException;
import devstack.config.Settings;
import devstack.console.Console;
import devstack.lifecycle.Host;
import devstack.external.PluginCatalog;
import devstack.external.PluginCatalog.Entry;
import devstack.external.PluginCatalog.Validity;
import devstack.plugin.ClassCache;
import devstack.plugin.PluginCompiler;
import devstack.plugin.PluginTree;
import devstack.script.PluginScript;
import devstack.system.CommandRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code devstack plugins}: every hook, hypervisor plugin and external plugin, with its state. */
@Command(name = "plugins", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = {"List every extras.d hook, hypervisor plugin and external plugin (enable_plugin): its kind, "
                + "name, whether it is enabled, whether it is valid (compiles and defines what it must), and where "
                + "it comes from. Nothing is cloned or run.",
                "Exits 2 if any plugin is invalid (stack would refuse to start), else 0."})
final class PluginsCommand implements Callable<Integer> {
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
        GroovyWarmUp.start();
        try {
            Path top = topDir.resolve();
            CommandRunner commands = new CommandRunner(console);
            Settings settings = Settings.load(top, parent.environment(), console::warn,
                    Host.commandSubstitution(commands));
            PluginCompiler compiler = new PluginCompiler(PluginScript.class,
                    ClassCache.forUser(parent.environment(), console::detail));
            List<Entry> entries = PluginCatalog.list(settings, PluginTree.discover(top, console::warn), compiler);
            print(out, entries);
            long invalid = entries.stream().filter(e -> e.valid() == Validity.NO).count();
            if (invalid > 0) {
                console.error(invalid + " invalid plugin" + (invalid > 1 ? "s" : "") + ": stack would refuse to start");
                return ExitCodes.BAD_INPUT;
            }
            return ExitCodes.OK;
        } catch (DevstackException e) {
            console.error(e.getMessage());
            if (e.hint() != null) {
                console.errorDetail("hint: " + e.hint());
            }
            return e.exitCode();
        }
    }

    /** A table, one row per plugin, with the reasons a plugin is invalid indented under its row. */
    private static void print(PrintWriter out, List<Entry> entries) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"KIND", "NAME", "ENABLED", "VALID", "FROM"});
        entries.forEach(e -> rows.add(new String[] {e.kind(), e.name(), e.enabled() ? "yes" : "no",
                e.valid().name().toLowerCase(Locale.ROOT), e.from()}));
        int[] widths = new int[4];
        rows.forEach(r -> {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        });
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < widths.length; c++) {
                line.append(String.format(Locale.ROOT, "%-" + widths[c] + "s  ", r[c]));
            }
            out.println(line.append(r[4]));
            if (i > 0) {
                entries.get(i - 1).problems().forEach(p -> p.lines().forEach(l -> out.println("    " + l)));
            }
        }
        if (entries.isEmpty()) {
            out.println("(no plugins: extras.d/ and nova_plugins/ are empty and local.conf enables none)");
        }
        out.flush();
    }
}
