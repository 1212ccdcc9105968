package devstack.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a directory may hold class files that this process loads and runs (as root, often): only when no other
 * user can put a file into it or swap it for another directory. So the directory must belong to this user and be
 * writable by nobody else, and every directory above it must belong to this user or root and be writable by
 * nobody else, unless it is sticky (like /tmp), where others cannot rename what is not theirs.
 */
final class CacheDirectory {
    private static final int GROUP_OR_OTHERS_WRITE = 0022;
    private static final int STICKY = 01000;

    private CacheDirectory() {
    }

    /** What makes {@code dir} unsafe for user {@code uid}, if anything. */
    static Optional<String> problem(Path dir, int uid) throws IOException {
        Path real = dir.toRealPath();
        Map<String, Object> own = attributes(real);
        if (uidOf(own) != uid) {
            return Optional.of(real + " belongs to uid " + uidOf(own) + ", not to this user (uid " + uid + ")");
        }
        if ((modeOf(own) & GROUP_OR_OTHERS_WRITE) != 0) {
            return Optional.of(real + " is writable by its group or others (mode "
                    + Integer.toOctalString(modeOf(own) & 07777) + ")");
        }
        return real.getParent() == null ? Optional.empty() : aboveProblem(real.getParent(), uid);
    }

    /**
     * What makes {@code dir} (which exists) or a directory above it unsafe to hold a directory of user
     * {@code uid}: one that another user owns or can write to (a sticky one aside).
     */
    static Optional<String> aboveProblem(Path dir, int uid) throws IOException {
        for (Path above = dir.toRealPath(); above != null; above = above.getParent()) {
            Map<String, Object> attributes = attributes(above);
            int owner = uidOf(attributes);
            if (owner != uid && owner != 0) {
                return Optional.of(above + " belongs to uid " + owner + ", who could replace what lies in it");
            }
            int mode = modeOf(attributes);
            if ((mode & GROUP_OR_OTHERS_WRITE) != 0 && (mode & STICKY) == 0) {
                return Optional.of(above + " is writable by its group or others (mode "
                        + Integer.toOctalString(mode & 07777) + ")");
            }
        }
        return Optional.empty();
    }

    /** Whether a file in a safe directory was written by this user or root, and only they can change it. */
    static boolean isOwnFile(Path file, int uid) throws IOException {
        Map<String, Object> attributes = attributes(file);
        int owner = uidOf(attributes);
        return (owner == uid || owner == 0) && (modeOf(attributes) & GROUP_OR_OTHERS_WRITE) == 0
                && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
    }

    /** This process's user id. */
    static int currentUid() {
        return (int) new com.sun.security.auth.module.UnixSystem().getUid();
    }

    private static Map<String, Object> attributes(Path path) throws IOException {
        return Files.readAttributes(path, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
    }

    private static int uidOf(Map<String, Object> attributes) {
        return (Integer) attributes.get("uid");
    }

    private static int modeOf(Map<String, Object> attributes) {
        return (Integer) attributes.get("mode");
    }
}
