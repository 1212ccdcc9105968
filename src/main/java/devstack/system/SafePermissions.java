package devstack.system;

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
    private final Machine machine;
    private final Predicate<Path> onNfs;

    public SafePermissions(Machine machine) {
        this(machine, machine.files()::isOnNfs);
    }

    /** With another NFS test (tests cannot mount NFS). */
    public SafePermissions(Machine machine, Predicate<Path> onNfs) {
        this.machine = machine;
        this.onNfs = onNfs;
    }

    /**
     * Runs {@code program arguments…} as root unless the target is on NFS.
     *
     * @return false when skipped because of NFS
     */
    public boolean apply(String program, List<String> arguments) {
        Path target = Path.of(arguments.get(arguments.size() - 1));
        Path checked = machine.files().isDirectory(target) ? target : target.toAbsolutePath().getParent();
        if (checked != null && onNfs.test(checked)) {
            return false;
        }
        List<String> argv = new ArrayList<>();
        argv.add(program);
        argv.addAll(arguments);
        machine.commands().checked(machine.privilege().asRoot(argv));
        return true;
    }
}
