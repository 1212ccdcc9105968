package devstack.cli;

/**
 * Initialises, on a second core, the two parts of the Groovy runtime that every run needs and that take longest
 * to start, while the first core reads the configuration and loads the plugins: the meta-class registry (every
 * script object needs it) and the resolver's table of default imports, which a GString's first toString() also
 * builds by listing the JDK's packages. The run does not wait for it: a class being initialised here is simply
 * waited for when the run needs it. Only lifecycle commands start it; --help and --version never load Groovy.
 */
final class GroovyWarmUp {
    private static final String[] CLASSES = {"groovy.lang.GroovySystem",
            "org.codehaus.groovy.control.ResolveVisitor"};

    private GroovyWarmUp() {
    }

    static void start() {
        Thread thread = new Thread(() -> {
            for (String name : CLASSES) {
                try {
                    Class.forName(name, true, GroovyWarmUp.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    // The run initialises the class itself when it needs it, and reports a failure there.
                    return;
                }
            }
        }, "groovy-warm-up");
        thread.setDaemon(true);
        thread.start();
    }
}
