package devstack.plugin;

import groovy.lang.GroovySystem;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Builds the meta-class of each plugin class as soon as it is loaded, on a thread of its own, so that the first
 * phase finds them ready instead of building them one by one on the run's thread. Every script class gets its own
 * meta-class, and building one walks every helper the base class inherits: with a hundred hooks this is a good
 * part of a run, and a second core can do it while the first reads the configuration and runs the first hooks.
 * Whatever is not ready yet when a hook needs it is built by the run itself, as without this class.
 */
final class MetaClassWarmUp {
    private final Queue<Class<?>> pending = new ArrayDeque<>();
    private boolean running;

    synchronized void add(Class<?> type) {
        pending.add(type);
        if (!running) {
            running = true;
            Thread thread = new Thread(this::drain, "meta-class-warm-up");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void drain() {
        while (true) {
            Class<?> next;
            synchronized (this) {
                next = pending.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            try {
                GroovySystem.getMetaClassRegistry().getMetaClass(next);
            } catch (RuntimeException | LinkageError e) {
                // The run builds it itself when it needs it, and reports a failure there.
            }
        }
    }
}
