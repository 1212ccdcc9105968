package devstack.lifecycle;

/**
 * What joins a phase besides the core and the hooks: external plugins run after the hooks of every phase, and
 * local.conf meta-sections are merged at their points. The lifecycle calls every extension at each point.
 */
public interface LifecycleExtension {
    /** Before anything else of the run's phases, once the run holds its lock and has its log. */
    default void prepare() {
    }

    /** Before the {@code source} phase: external plugins' {@code override-defaults}. */
    default void overrideDefaults() {
    }

    /** After the hooks of {@code phase}: external plugins' files for that phase. */
    default void afterHooks(Phase phase) {
    }

    /** A local.conf merge point: {@code post-config}, {@code extra}, {@code post-extra} or {@code test-config}. */
    default void mergeConfig(String group) {
    }
}
