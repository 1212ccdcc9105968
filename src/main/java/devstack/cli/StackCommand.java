package devstack.cli;

import devstack.lifecycle.Lifecycle;
import java.time.Instant;
import picocli.CommandLine.Command;

@Command(name = "stack", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "Bring the configuration up: run every phase of stack.sh with the hooks and the hypervisor "
                + "plugin.")
final class StackCommand extends LifecycleCommand {
    @Override
    String scriptName() {
        return "stack.sh";
    }

    @Override
    void run(Lifecycle lifecycle, Instant started) {
        lifecycle.stack(started);
    }

    @Override
    boolean clonesPlugins() {
        return true;
    }
}
