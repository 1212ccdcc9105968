package devstack.cli;

import devstack.lifecycle.Lifecycle;
import java.time.Instant;
import picocli.CommandLine.Command;

@Command(name = "clean", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "Everything unstack --all does, then hooks get 'clean', the hypervisor plugin cleans up, "
                + "and the run's state (DATA_DIR, SERVICE_DIR, LOGDIR, NOVA_CONF) is removed.")
final class CleanCommand extends LifecycleCommand {
    @Override
    String scriptName() {
        return "clean.sh";
    }

    @Override
    void run(Lifecycle lifecycle, Instant started) {
        lifecycle.clean(started);
    }
}
