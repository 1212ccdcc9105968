package devstack.cli;

import devstack.lifecycle.Lifecycle;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "unstack", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "Stop what stack started: hooks and external plugins get 'unstack', then the hypervisor "
                + "plugin's stop function runs and every process run_process started is stopped.")
final class UnstackCommand extends LifecycleCommand {
    @Option(names = {"-a", "--all"}, description = "Also stop shared services (sets UNSTACK_ALL=True for hooks).")
    private boolean all;

    @Override
    String scriptName() {
        return "unstack.sh";
    }

    @Override
    void run(Lifecycle lifecycle, Instant started) {
        lifecycle.unstack(all, started);
    }
}
