package devstack.plugin;

import groovy.lang.Script;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * A plugin file compiled to its own script class.
 *
 * @param functions the functions the plugin file itself defines (not the helpers it inherits), found once: a hook
 *                  runs in every phase, and each run makes them callable
 */
public record CompiledPlugin(PluginSource source, Class<? extends Script> scriptClass, Set<String> functions) {
    public CompiledPlugin(PluginSource source, Class<? extends Script> scriptClass) {
        this(source, scriptClass, functionsOf(scriptClass));
    }

    private static Set<String> functionsOf(Class<? extends Script> scriptClass) {
        Set<String> names = new TreeSet<>();
        Arrays.stream(scriptClass.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !isScriptMachinery(m))
                .forEach(m -> names.add(m.getName()));
        return Collections.unmodifiableSet(names);
    }

    private static boolean isScriptMachinery(Method method) {
        String name = method.getName();
        return name.equals("run") || name.equals("main") || name.contains("$");
    }
}
