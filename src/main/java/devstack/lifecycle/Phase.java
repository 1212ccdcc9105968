package devstack.lifecycle;

/** A point in the lifecycle at which hooks run, with the {@code $1} and {@code $2} they receive. */
public enum Phase {
    SOURCE("source", ""),
    PRE_INSTALL("stack", "pre-install"),
    INSTALL("stack", "install"),
    POST_CONFIG("stack", "post-config"),
    EXTRA("stack", "extra"),
    TEST_CONFIG("stack", "test-config"),
    UNSTACK("unstack", ""),
    CLEAN("clean", "");

    private final String mode;
    private final String subPhase;

    Phase(String mode, String subPhase) {
        this.mode = mode;
        this.subPhase = subPhase;
    }

    /** {@code $1}: source, stack, unstack or clean. */
    public String mode() {
        return mode;
    }

    /** {@code $2}: the stack sub-phase, or the empty string where DevStack passes none. */
    public String subPhase() {
        return subPhase;
    }

    @Override
    public String toString() {
        return subPhase.isEmpty() ? mode : mode + " " + subPhase;
    }
}
