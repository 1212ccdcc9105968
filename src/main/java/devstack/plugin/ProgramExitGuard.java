package devstack.plugin;

import devstack.DevstackException;
import groovy.lang.DelegatingMetaClass;
import groovy.lang.GroovySystem;
import groovy.lang.MetaClass;
import groovy.lang.MetaClassRegistry;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.stream.Collectors;

/**
 * The run-time side of {@link ProgramExitCheck}: every dynamic Groovy call of {@code exit} or {@code halt} on
 * {@code System} or {@code Runtime} (through a variable, a method pointer, {@code evaluate}, {@code invokeMethod})
 * fails instead, and the failure names the plugin's file and line like any other error (exit 1).
 *
 * <p>It replaces the meta-classes of the two classes for the whole JVM, which only Groovy code goes through: the
 * host's Java code is not affected, and neither is Groovy code that is no plugin (a test runner's script in the JVM
 * of the plugin test kit): only a call with a plugin's class on the stack is refused. What it cannot see is Java reflection ({@code Method.invoke}) and statically
 * compiled code, which the compile-time check covers; a plugin can always kill its own process with a command.
 * A SecurityManager would see everything, but it is deprecated for removal since Java 17.
 */
final class ProgramExitGuard extends DelegatingMetaClass {
    private static final Set<String> EXITS = Set.of("exit", "halt");
    /** The class loaders plugins are compiled into (their classes are defined by loaders below these). */
    private static final Set<ClassLoader> PLUGIN_LOADERS = Collections.newSetFromMap(new WeakHashMap<>());

    private final String typeName;

    private ProgramExitGuard(MetaClass delegate, Class<?> type) {
        super(delegate);
        this.typeName = type.getSimpleName();
    }

    /**
     * Puts the guard in front of System's and Runtime's meta-classes, once per JVM, for the plugins that
     * {@code loader} defines.
     */
    static synchronized void install(ClassLoader loader) {
        PLUGIN_LOADERS.add(loader);
        MetaClassRegistry registry = GroovySystem.getMetaClassRegistry();
        for (Class<?> type : List.of(System.class, Runtime.class)) {
            MetaClass current = registry.getMetaClass(type);
            if (!(current instanceof ProgramExitGuard)) {
                ProgramExitGuard guard = new ProgramExitGuard(current, type);
                guard.initialize();
                registry.setMetaClass(type, guard);
            }
        }
    }

    @Override
    public Object invokeStaticMethod(Object object, String methodName, Object[] arguments) {
        refuseExit(methodName, arguments);
        return super.invokeStaticMethod(object, methodName, arguments);
    }

    @Override
    public Object invokeMethod(Object object, String methodName, Object[] arguments) {
        refuseExit(methodName, arguments);
        return super.invokeMethod(object, methodName, arguments);
    }

    @Override
    public Object invokeMethod(Object object, String methodName, Object arguments) {
        refuseExit(methodName, arguments instanceof Object[] array ? array : new Object[] {arguments});
        return super.invokeMethod(object, methodName, arguments);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Object invokeMethod(Class sender, Object receiver, String methodName, Object[] arguments,
                               boolean isCallToSuper, boolean fromInsideClass) {
        refuseExit(methodName, arguments);
        return super.invokeMethod(sender, receiver, methodName, arguments, isCallToSuper, fromInsideClass);
    }

    private void refuseExit(String methodName, Object[] arguments) {
        if (EXITS.contains(methodName) && calledByPlugin()) {
            String call = typeName + "." + methodName + "(" + (arguments == null ? ""
                    : Arrays.stream(arguments).map(String::valueOf).collect(Collectors.joining(", "))) + ")";
            throw new DevstackException(DevstackException.FAILED, call + " was refused: a plugin cannot end the "
                    + "program in the middle of the run", "call die 'message' to stop the run with an error");
        }
    }

    /** True when a plugin's class is on the stack: the call comes from a plugin, however indirectly. */
    private static boolean calledByPlugin() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.anyMatch(frame -> isPluginLoader(frame.getDeclaringClass().getClassLoader())));
    }

    private static synchronized boolean isPluginLoader(ClassLoader loader) {
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (l instanceof PluginClassLoader || PLUGIN_LOADERS.contains(l)) {
                return true;
            }
        }
        return false;
    }
}
