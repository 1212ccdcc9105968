package devstack.lifecycle;

import java.util.function.Consumer;

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

    /**
     * After the hooks of {@code phase}: external plugins' files for that phase, each run through {@code guard}, so
     * that in unstack and clean a failing plugin does not keep the next from running.
     */
    default void afterHooks(Phase phase, Consumer<Runnable> guard) {
    }

    /** A local.conf merge point: {@code post-config}, {@code extra}, {@code post-extra} or {@code test-config}. */
    default void mergeConfig(String group) {
    }
}
