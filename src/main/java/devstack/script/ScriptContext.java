package devstack.script;

import devstack.config.Settings;
import devstack.console.Console;
import devstack.system.CommandRunner;
import devstack.system.OsRelease;
import devstack.system.Packages;
import devstack.system.Privilege;
import devstack.system.ProcessSupervisor;
import java.util.function.Supplier;

/**
 * What the helpers work with: the configuration, the console, and the machine (commands, privilege, packages).
 * Packages are created on first use, so that a run that installs nothing never probes the package manager.
 */
public final class ScriptContext {
    private final Settings settings;
    private final Console console;
    private final CommandRunner commands;
    private final Privilege privilege;
    private final Supplier<OsRelease> os;
    private final Supplier<Packages> packages;
    private final devstack.console.Timers timers = new devstack.console.Timers(java.time.Clock.systemUTC());
    private OsRelease osRelease;
    private Packages packageHelper;
    private ProcessSupervisor processSupervisor;

    public ScriptContext(Settings settings, Console console, CommandRunner commands, Privilege privilege,
                         Supplier<OsRelease> os, Supplier<Packages> packages) {
        this.settings = settings;
        this.console = console;
        this.commands = commands;
        this.privilege = privilege;
        this.os = os;
        this.packages = packages;
    }

    public Settings settings() {
        return settings;
    }

    public Console console() {
        return console;
    }

    public CommandRunner commands() {
        return commands;
    }

    public Privilege privilege() {
        return privilege;
    }

    /** time_start / time_stop timers, shown in the timing table at the end of stack. */
    public devstack.console.Timers timers() {
        return timers;
    }

    public synchronized OsRelease os() {
        if (osRelease == null) {
            osRelease = os.get();
        }
        return osRelease;
    }

    public synchronized Packages packages() {
        if (packageHelper == null) {
            packageHelper = packages.get();
        }
        return packageHelper;
    }

    /** run_process and friends: the service processes recorded in SERVICE_DIR, logging to LOGDIR (both read live). */
    public synchronized ProcessSupervisor processes() {
        if (processSupervisor == null) {
            processSupervisor = new ProcessSupervisor(console, commands, privilege,
                    () -> settings.path("SERVICE_DIR"), () -> settings.path("LOGDIR"));
        }
        return processSupervisor;
    }
}
