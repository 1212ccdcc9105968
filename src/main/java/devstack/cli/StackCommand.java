package devstack.cli;

import devstack.lifecycle.Lifecycle;
import picocli.CommandLine.Command;

@Command(name = "stack", mixinStandardHelpOptions = true,
        description = "Bring the configuration up: run every phase of stack.sh with the hooks and the hypervisor "
                + "plugin.")
final class StackCommand extends LifecycleCommand {
    @Override
    String scriptName() {
        return "stack.sh";
    }

    @Override
    void run(Lifecycle lifecycle) {
        lifecycle.stack();
    }

    @Override
    boolean clonesPlugins() {
        return true;
    }
}
