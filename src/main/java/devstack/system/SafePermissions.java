package devstack.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * DevStack's {@code safe_chown} and {@code safe_chmod}: {@code chown}/{@code chmod} as root, unless the target
 * (the last argument) is on an NFS mount, where root may not change owners or modes (root squash); then nothing
 * happens. For a target that is not a directory, its directory is what is checked, as in DevStack.
 */
public final class SafePermissions {
    private final CommandRunner commands;
    private final Privilege privilege;
    private final Predicate<Path> onNfs;

    public SafePermissions(CommandRunner commands, Privilege privilege) {
        this(commands, privilege, SafePermissions::isNfs);
    }

    /** With another NFS test (tests cannot mount NFS). */
    public SafePermissions(CommandRunner commands, Privilege privilege, Predicate<Path> onNfs) {
        this.commands = commands;
        this.privilege = privilege;
        this.onNfs = onNfs;
    }

    /**
     * Runs {@code program arguments…} as root unless the target is on NFS.
     *
     * @return false when skipped because of NFS
     */
    public boolean apply(String program, List<String> arguments) {
        Path target = Path.of(arguments.get(arguments.size() - 1));
        Path checked = Files.isDirectory(target) ? target : target.toAbsolutePath().getParent();
        if (checked != null && onNfs.test(checked)) {
            return false;
        }
        List<String> argv = new ArrayList<>();
        argv.add(program);
        argv.addAll(arguments);
        commands.checked(privilege.asRoot(argv));
        return true;
    }

    /** True if {@code dir} is on an NFS file system (nfs or nfs4); false when that cannot be told. */
    static boolean isNfs(Path dir) {
        try {
            return Files.exists(dir) && Files.getFileStore(dir).type().startsWith("nfs");
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
