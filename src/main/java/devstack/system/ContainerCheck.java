package devstack.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether this machine is a container, as DevStack's {@code running_in_container} asks: the marker files that
 * Docker ({@code /.dockerenv}) and Podman ({@code /run/.containerenv}) leave, else what
 * {@code systemd-detect-virt --container} says when it is installed.
 */
public final class ContainerCheck {
    private final CommandRunner commands;
    private final Path root;
    private final String detectVirt;

    public ContainerCheck(CommandRunner commands) {
        this(commands, Path.of("/"), "systemd-detect-virt");
    }

    /** With another file-system root and another systemd-detect-virt (tests use fakes of both). */
    public ContainerCheck(CommandRunner commands, Path root, String detectVirt) {
        this.commands = commands;
        this.root = root;
        this.detectVirt = detectVirt;
    }

    public boolean inContainer() {
        if (Files.exists(root.resolve(".dockerenv")) || Files.exists(root.resolve("run/.containerenv"))) {
            return true;
        }
        if (!onPath(detectVirt)) {
            // DevStack compares the missing tool's empty output with 'none' and answers true; no tool, no claim.
            return false;
        }
        CommandRunner.Result result = commands.query(List.of(detectVirt, "--container"));
        String kind = result.stdout().trim();
        return result.succeeded() && !kind.isEmpty() && !kind.equals("none");
    }

    private static boolean onPath(String program) {
        if (program.contains("/")) {
            return Files.isExecutable(Path.of(program));
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
