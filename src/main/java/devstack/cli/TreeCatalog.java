package devstack.cli;

import devstack.config.Settings;
import devstack.console.Console;
import devstack.console.SecretMask;
import devstack.external.PluginCatalog;
import devstack.external.PluginCatalog.Catalog;
import devstack.lifecycle.Host;
import devstack.plugin.ClassCache;
import devstack.plugin.PluginTree;
import devstack.system.RealMachine;
import java.nio.file.Path;
import java.util.Map;

/** What {@code plugins} and {@code check} share: a tree's plugins, judged by the checks stack makes first. */
final class TreeCatalog {
    private TreeCatalog() {
    }

    /** Reads the configuration of {@code top} and checks every plugin, masking secrets as stack does. */
    static Catalog check(Path top, Map<String, String> environment, Console console) {
        Settings settings = Settings.load(top, environment, console::warn,
                Host.commandSubstitution(RealMachine.of(console).commands()));
        // The same masking as stack's: an enable_plugin URL may carry a token.
        console.useMask(new SecretMask(() -> settings.variables().asMap()));
        return PluginCatalog.check(settings, PluginTree.discover(top, console::warn),
                ClassCache.forUser(environment, console::detail));
    }
}
