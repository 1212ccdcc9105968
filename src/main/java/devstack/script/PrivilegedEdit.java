package devstack.script;

import devstack.system.CommandRunner;
import devstack.system.Privilege;
import devstack.system.ScratchCopy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * An ini helper's {@code -sudo} when the run is not root: the edit is made on a private copy of the file, which
 * is then put in place through sudo as a rename, keeping the file's mode and owner. So the file is never half
 * written, exactly as with a direct edit.
 */
final class PrivilegedEdit {
    private final CommandRunner commands;
    private final Privilege privilege;

    PrivilegedEdit(CommandRunner commands, Privilege privilege) {
        this.commands = commands;
        this.privilege = privilege;
    }

    /** True when {@code -sudo} must go through sudo: not root, and the file (or its directory) is not ours to write. */
    boolean needed(Path file) {
        if (privilege.isRoot()) {
            return false;
        }
        Path target = Files.exists(file) ? file : file.toAbsolutePath().getParent();
        return target != null && !Files.isWritable(target);
    }

    /** Applies {@code edit} to a copy of {@code file} and installs the copy if the edit changed it. */
    <T> T apply(Path file, Function<Path, T> edit) {
        boolean exists = commands.query(privilege.asRoot(List.of("test", "-e", file.toString()))).succeeded();
        byte[] before = exists ? readAsRoot(file) : null;
        return ScratchCopy.edit(file.getFileName().toString(), before, edit,
                (copy, after) -> install(copy, file, exists));
    }

    private byte[] readAsRoot(Path file) {
        return commands.readBytes(privilege.asRoot(List.of("cat", "--", file.toString())));
    }

    private void install(Path copy, Path file, boolean exists) {
        String staged = file + ".devstack-new";
        commands.checked(privilege.asRoot(List.of("cp", "--", copy.toString(), staged)));
        if (exists) {
            commands.checked(privilege.asRoot(List.of("chmod", "--reference=" + file, "--", staged)));
            commands.checked(privilege.asRoot(List.of("chown", "--reference=" + file, "--", staged)));
        }
        commands.checked(privilege.asRoot(List.of("mv", "-f", "--", staged, file.toString())));
    }
}
