package devstack.script;

import devstack.config.Settings;
import devstack.console.Console;
import devstack.console.Timers;
import devstack.system.Machine;
import devstack.system.Packages;
import devstack.system.Proxies;
import java.time.Clock;

/**
 * What the helpers work with: the configuration, the console, and the machine every effect goes through. The
 * package helpers' policy is made on first use, so that a run that installs nothing never asks which package
 * manager there is.
 */
public final class ScriptContext {
    private final Settings settings;
    private final Console console;
    private final Machine machine;
    private final Timers timers;
    private Packages packages;

    public ScriptContext(Settings settings, Console console, Machine machine, Clock clock) {
        this.settings = settings;
        this.console = console;
        this.machine = machine;
        this.timers = new Timers(clock);
    }

    public Settings settings() {
        return settings;
    }

    public Console console() {
        return console;
    }

    public Machine machine() {
        return machine;
    }

    /** time_start / time_stop timers, shown in the timing table at the end of stack. */
    public Timers timers() {
        return timers;
    }

    /** http_proxy, https_proxy and no_proxy as the run's variables hold them now. */
    public Proxies proxies() {
        return Proxies.from(settings::get);
    }

    /**
     * DevStack's package helpers: names validated, installed packages skipped, the repositories refreshed once
     * per run ({@code NO_UPDATE_REPOS}, {@code OFFLINE}), a failed install retried once.
     */
    public synchronized Packages packages() {
        if (packages == null) {
            packages = new Packages(machine.packages(), console,
                    () -> settings.isTrue("NO_UPDATE_REPOS") || settings.isTrue("OFFLINE"),
                    () -> settings.isTrue("OFFLINE"), this::proxies);
        }
        return packages;
    }
}
