package devstack.script;

import groovy.lang.Closure;
import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;
import groovy.lang.Script;

/** What every helper layer needs: the run's context, and DevStack's rules for unknown functions and names. */
public abstract class ScriptSupport extends Script {
    protected final PluginRuntime hostRuntime() {
        return ((ScriptBinding) getBinding()).runtime();
    }

    protected final ScriptContext hostContext() {
        return ((ScriptBinding) getBinding()).context();
    }

    /** The helper groups {@link PluginScript} delegates to. */
    final Helpers hostHelpers() {
        return ((ScriptBinding) getBinding()).helpers();
    }

    /**
     * Calls a function defined by another plugin (or library) when this script does not define it, as bash finds
     * any function defined so far; a name nobody defines is an error that says so.
     */
    @Override
    public Object invokeMethod(String name, Object args) {
        try {
            // Not Script.invokeMethod: its fallback reads the name as a variable, which would report a misspelt
            // function as a misspelt variable.
            return getMetaClass().invokeMethod(this, name, args);
        } catch (MissingMethodException e) {
            if (!name.equals(e.getMethod()) || e.getType() != getClass()) {
                throw e;
            }
            Object[] arguments = args instanceof Object[] array ? array : new Object[] {args};
            FunctionTable functions = hostRuntime().functions();
            // The defining instance must be another one: our own function with other arguments is a plain error.
            if (functions.owner(name).filter(owner -> owner != this).isPresent()) {
                return functions.call(name, arguments);
            }
            // A global holding a closure is callable like a function, as in any Groovy script.
            if (getBinding().hasVariable(name) && getBinding().getVariable(name) instanceof Closure<?> closure) {
                return closure.call(arguments);
            }
            // A helper or plugin function of that name exists, but not for these arguments.
            boolean known = functions.exists(name) || !getMetaClass().respondsTo(this, name).isEmpty();
            throw new UnknownFunctionException(name, arguments, known);
        }
    }

    /** Reads a variable; a name that is neither a setting, a global nor a local gets a message that says so. */
    @Override
    public Object getProperty(String property) {
        try {
            return super.getProperty(property);
        } catch (MissingPropertyException e) {
            if (property.equals(e.getProperty()) && (e.getType() == null || e.getType() == getClass())) {
                throw new UnknownVariableException(property);
            }
            throw e;
        }
    }
}
