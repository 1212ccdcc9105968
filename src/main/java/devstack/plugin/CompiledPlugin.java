package devstack.plugin;

import groovy.lang.Script;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.codehaus.groovy.ast.ModuleNode;

/**
 * A plugin file compiled to its own script class.
 *
 * @param functions the functions the plugin file itself defines (not the helpers it inherits), found once: a hook
 *                  runs in every phase, and each run makes them callable
 * @param syntax    the file's syntax tree as the compiler left it, for the checks that read the code ({@code devstack
 *                  check}); null when the classes came from the class cache or from elsewhere
 */
public record CompiledPlugin(PluginSource source, Class<? extends Script> scriptClass, Set<String> functions,
                             ModuleNode syntax) {
    public CompiledPlugin(PluginSource source, Class<? extends Script> scriptClass, ModuleNode syntax) {
        this(source, scriptClass, functionsOf(scriptClass), syntax);
    }

    public CompiledPlugin(PluginSource source, Class<? extends Script> scriptClass) {
        this(source, scriptClass, null);
    }

    /** The syntax tree, when the compiler kept it. */
    public Optional<ModuleNode> syntaxTree() {
        return Optional.ofNullable(syntax);
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
