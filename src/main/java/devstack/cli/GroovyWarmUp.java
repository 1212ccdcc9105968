package devstack.cli;

import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.codehaus.groovy.runtime.GStringImpl;
import org.codehaus.groovy.vmplugin.v8.IndyInterface;

/**
 * Starts, on a second core, what the Groovy runtime does once per process before the first hook can run, while the
 * first core reads the configuration and loads the plugins:
 * <ul>
 * <li>the meta-class registry, which every script object needs;</li>
 * <li>the first GString turned into a String: Groovy's formatter then reads the compiler's list of default
 * imports, which is built by walking the JDK's packages (a quarter of a second on a small machine);</li>
 * <li>the first dynamic call, which links Groovy's call-site machinery.</li>
 * </ul>
 * The run does not wait for it: what is still being initialised here is waited for when the run needs it, and
 * nothing is done twice. Only the commands that run plugins start it, once their command line is read: help,
 * usage errors and {@code --version} never load Groovy.
 */
final class GroovyWarmUp {
    private GroovyWarmUp() {
    }

    static void start() {
        Thread thread = new Thread(GroovyWarmUp::warmUp, "groovy-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private static void warmUp() {
        try {
            String text = new GStringImpl(new Object[] {"up"}, new String[] {"warm ", ""}).toString();
            CallSite call = IndyInterface.bootstrap(MethodHandles.lookup(), "invoke",
                    MethodType.methodType(Object.class, Object.class, Object.class), "concat", 0);
            call.dynamicInvoker().invoke(text, "!");
        } catch (Throwable e) {
            // The run initialises all this itself when it needs it, and reports a failure there.
        }
    }
}
