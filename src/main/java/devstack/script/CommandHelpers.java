package devstack.script;

import devstack.DevstackException;
import devstack.ini.AtomicFile;
import devstack.system.DryRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Running libraries and commands, and writing files: source, sh, sudo, write_file. */
public abstract class CommandHelpers extends ServiceHelpers {
    /** source: runs a library so that its functions become callable. Usage: {@code source "$TOP_DIR/lib/template"} */
    public void source(String path) {
        hostRuntime().source(path);
    }

    /**
     * sh: runs a shell command, logs its output, returns its stdout, fails the run on a non-zero exit. The command
     * sees the settings and globals as environment variables, so a bash line ports as it is:
     * {@code sh 'mkdir -p $DEST/x'}.
     */
    public String sh(String command) {
        return hostContext().commands().sh(command, hostContext().settings().variables().exported());
    }

    /**
     * sudo: {@link #sh} as root (through {@code sudo -E} unless the run already is root), with the same environment.
     * Usage: {@code sudo 'mkdir -p /etc/template'}
     */
    public String sudo(String command) {
        return hostContext().commands().checked(
                hostContext().privilege().asRootKeepingEnvironment(List.of("/bin/sh", "-c", command)),
                hostContext().settings().variables().exported());
    }

    /**
     * write_file: writes a whole file atomically (what a bash plugin does with {@code cat > file <<EOF}); a dry run
     * shows it as a diff instead. Not in DevStack. Usage: {@code write_file "$DEST/x.sh", text, '755'}
     */
    public void write_file(String path, Object content, String mode) {
        Set<PosixFilePermission> permissions = mode == null ? null : octalMode(mode);
        DryRun dryRun = hostContext().commands().dryRun();
        java.util.function.Function<Path, Void> write = target -> {
            AtomicFile.write(target, String.valueOf(content).getBytes(StandardCharsets.UTF_8), permissions);
            return null;
        };
        if (dryRun != null) {
            dryRun.edit(Path.of(path), write);
        } else {
            write.apply(Path.of(path));
        }
    }

    /** write_file without a mode: a new file gets 0644, an existing one keeps its own. */
    public void write_file(String path, Object content) {
        write_file(path, content, null);
    }

    /** An octal mode such as {@code 755} or {@code 0640} as permissions. */
    private static Set<PosixFilePermission> octalMode(String mode) {
        if (!mode.matches("0?[0-7]{3}")) {
            throw new DevstackException(DevstackException.FAILED, "write_file: mode '" + mode
                    + "' is not an octal mode", "write it like '755' or '0640'");
        }
        int bits = Integer.parseInt(mode, 8);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < order.length; i++) {
            if ((bits & (1 << i)) != 0) {
                permissions.add(order[i]);
            }
        }
        return permissions;
    }
}
