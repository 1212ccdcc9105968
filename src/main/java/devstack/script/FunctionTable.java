package devstack.script;

import groovy.lang.Script;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.script.Invocable;
import javax.script.ScriptException;
import org.codehaus.groovy.runtime.InvokerInvocationException;

/**
 * The functions plugins have defined so far, as in the shell: once a file is run (sourced), its functions are
 * callable from every plugin. A later definition of the same name wins, as in bash. Calls go through the JSR-223
 * engine to the defining plugin's own script instance.
 */
public final class FunctionTable {
    private final Invocable engine;
    private final Map<String, Script> owners = new LinkedHashMap<>();

    public FunctionTable(Invocable engine) {
        this.engine = engine;
    }

    /** Makes every function of {@code instance} callable by name. */
    public void define(Script instance, Set<String> functions) {
        functions.forEach(name -> owners.put(name, instance));
    }

    public boolean exists(String name) {
        return owners.containsKey(name);
    }

    /** The instance that defines {@code name}, if any. */
    public Optional<Script> owner(String name) {
        return Optional.ofNullable(owners.get(name));
    }

    /** Calls {@code name} on the instance that defines it. */
    public Object call(String name, Object... args) {
        Script owner = owners.get(name);
        if (owner == null) {
            throw new IllegalStateException("no function named " + name);
        }
        return invoke(owner, name, args);
    }

    /** Calls a function on one plugin's own instance, unwrapping the engine's exception wrapper. */
    public Object invoke(Script instance, String name, Object... args) {
        try {
            return engine.invokeMethod(instance, name, args);
        } catch (ScriptException e) {
            // The engine wraps what the function threw; the plugin's own exception is what the user must see.
            Throwable cause = e;
            while ((cause instanceof ScriptException || cause instanceof InvokerInvocationException)
                    && cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
