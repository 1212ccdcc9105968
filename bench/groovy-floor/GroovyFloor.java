import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.codehaus.groovy.runtime.GStringImpl;
import org.codehaus.groovy.vmplugin.v8.IndyInterface;

/**
 * The least a JVM must do before it can run one hook: start the Groovy runtime, and no more. The step to stop
 * after is the argument: "registry" (the meta-class registry every script object needs), "gstring" (also the
 * first GString made a String, as "hook $i: ${$1}" is), "call" (also the first dynamic call, as any helper call
 * is). bench/groovy-floor.sh times it.
 */
public final class GroovyFloor {
    private GroovyFloor() {
    }

    public static void main(String[] args) throws Throwable {
        String step = args.length == 0 ? "call" : args[0];
        groovy.lang.GroovySystem.getMetaClassRegistry();
        if (step.equals("registry")) {
            return;
        }
        String text = new GStringImpl(new Object[] {"hook"}, new String[] {"a ", ""}).toString();
        if (step.equals("gstring")) {
            return;
        }
        CallSite call = IndyInterface.bootstrap(MethodHandles.lookup(), "invoke",
                MethodType.methodType(Object.class, Object.class, Object.class), "concat", 0);
        call.dynamicInvoker().invoke(text, "!");
    }
}
