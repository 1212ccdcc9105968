package devstack.system;

import java.nio.file.Path;
import java.util.List;

/**
 * Whether this machine is a container, as DevStack's {@code running_in_container} asks: the marker files that
 * Docker ({@code /.dockerenv}) and Podman ({@code /run/.containerenv}) leave, else what
 * {@code systemd-detect-virt --container} says when it is installed. Only questions: it runs in a dry run too.
 */
public final class ContainerCheck {
    private final Machine machine;
    private final Path root;
    private final String detectVirt;

    public ContainerCheck(Machine machine) {
        this(machine, Path.of("/"), "systemd-detect-virt");
    }

    /** With another file-system root and another systemd-detect-virt (tests use fakes of both). */
    public ContainerCheck(Machine machine, Path root, String detectVirt) {
        this.machine = machine;
        this.root = root;
        this.detectVirt = detectVirt;
    }

    public boolean inContainer() {
        Machine.Files files = machine.files();
        if (files.exists(root.resolve(".dockerenv")) || files.exists(root.resolve("run/.containerenv"))) {
            return true;
        }
        CommandResult result;
        try {
            result = machine.commands().query(List.of(detectVirt, "--container"));
        } catch (CommandFailedException notInstalled) {
            // DevStack compares the missing tool's empty output with 'none' and answers true; no tool, no claim.
            return false;
        }
        String kind = result.stdout().trim();
        return result.succeeded() && !kind.isEmpty() && !kind.equals("none");
    }
}
