package devstack.cli;

import devstack.DevstackException;
import devstack.console.Console;
import devstack.external.PluginCatalog.Catalog;
import devstack.external.PluginCatalog.Entry;
import devstack.external.PluginCatalog.TestedService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code devstack plugins}: every hook, hypervisor plugin and external plugin, with its state. */
@Command(name = "plugins", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = {"List every extras.d hook, hypervisor plugin, library (lib/*.groovy) and external plugin "
                + "(enable_plugin): its kind, "
                + "name, whether it is enabled, whether it is valid (compiles, defines what it must, and calls only "
                + "functions that exist, as devstack check says), where it comes from, and the services each hook "
                + "tests with is_service_enabled('...') and whether they are enabled. Nothing is cloned or run.",
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
            Catalog catalog = TreeCatalog.check(top, parent.environment(), console);
            List<Entry> entries = catalog.entries();
            print(out, entries, console::masked);
            catalog.warnings().forEach(console::warn);
            entries.forEach(entry -> idleWarning(entry).ifPresent(console::warn));
            long invalid = catalog.invalid();
            if (invalid > 0) {
                console.error(invalid + " invalid plugin" + (invalid > 1 ? "s" : "") + ": stack would refuse to start");
                return ExitCodes.BAD_INPUT;
            }
            return ExitCodes.OK;
        } catch (DevstackException e) {
            return CommandFailure.report(console, e);
        }
    }

    /**
     * The warning for a plugin whose dispatch file tests only services that are not enabled: it does nothing, and
     * nothing else says so.
     */
    static Optional<String> idleWarning(Entry entry) {
        if (!entry.idle()) {
            return Optional.empty();
        }
        List<String> services = entry.servicesTested().stream().map(TestedService::name).toList();
        String who = entry.kind().equals("external") ? "plugin " + entry.name() : entry.from();
        return Optional.of(who + " tests only services that are not enabled (" + String.join(", ", services)
                + "), so it does nothing; enable one in local.conf's [[local|localrc]], e.g. enable_service "
                + services.get(0));
    }

    /**
     * A table, one row per plugin, with the reasons a plugin is invalid and the services it tests indented under
     * its row.
     */
    private static void print(PrintWriter out, List<Entry> entries, UnaryOperator<String> mask) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"KIND", "NAME", "ENABLED", "VALID", "FROM"});
        entries.forEach(e -> rows.add(new String[] {e.kind(), e.name(), e.enabled(),
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
            out.println(mask.apply(line.append(r[4]).toString()));
            if (i > 0) {
                Entry entry = entries.get(i - 1);
                entry.problems().forEach(p -> p.lines().forEach(l -> out.println(mask.apply("    " + l))));
                if (!entry.servicesTested().isEmpty()) {
                    out.println("    tests services: " + entry.servicesTested().stream().map(TestedService::toString)
                            .collect(Collectors.joining(", ")));
                }
            }
        }
        if (entries.isEmpty()) {
            out.println("(no plugins: extras.d/, nova_plugins/ and lib/ are empty and local.conf enables none)");
        }
        out.flush();
    }
}
