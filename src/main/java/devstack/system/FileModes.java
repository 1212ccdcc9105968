package devstack.system;

import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** File modes as numbers ({@code 0640}, {@code 02750}) and as Java's permission sets. */
public final class FileModes {
    private static final PosixFilePermission[] BITS = {PosixFilePermission.OTHERS_EXECUTE,
        PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE,
        PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

    private FileModes() {
    }

    /** An octal mode as written in a helper call ({@code '755'}, {@code '0640'}, {@code '2750'}), or -1. */
    public static int parse(String mode) {
        return mode != null && mode.matches("0?[0-7]{3,4}") ? Integer.parseInt(mode, 8) : -1;
    }

    /** The permission bits of a mode (Java's sets cannot hold setuid, setgid and sticky). */
    public static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < BITS.length; i++) {
            if ((mode & (1 << i)) != 0) {
                permissions.add(BITS[i]);
            }
        }
        return permissions;
    }

    /** {@code 0644}, {@code 02640}: the form chmod takes. */
    public static String octal(int mode) {
        return String.format("%04o", mode & 07777);
    }
}
