package devstack.system;

import java.util.ArrayList;
import java.util.List;

/** Runs what needs root through {@code sudo}, unless the host already is root. */
public final class Privilege {
    private final boolean root;
    private final String sudo;

    public Privilege(boolean root) {
        this(root, "sudo");
    }

    /** With another program in sudo's place (tests use one that records its calls). */
    public Privilege(boolean root, String sudo) {
        this.root = root;
        this.sudo = sudo;
    }

    /** The privilege of this process: root is uid 0, whatever the account is called. */
    public static Privilege ofCurrentUser() {
        return new Privilege(new com.sun.security.auth.module.UnixSystem().getUid() == 0);
    }

    public boolean isRoot() {
        return root;
    }

    /** argv as root keeping the caller's environment: behind {@code sudo -E} when not root. */
    public List<String> asRootKeepingEnvironment(List<String> argv) {
        if (root) {
            return argv;
        }
        List<String> wrapped = new ArrayList<>(List.of(sudo, "-E"));
        wrapped.addAll(argv);
        return wrapped;
    }

    /** argv as root: unchanged for root, behind {@code sudo} otherwise. */
    public List<String> asRoot(List<String> argv) {
        if (root) {
            return argv;
        }
        List<String> wrapped = new ArrayList<>();
        wrapped.add(sudo);
        wrapped.addAll(argv);
        return wrapped;
    }
}
