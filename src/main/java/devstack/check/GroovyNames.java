package devstack.check;

import devstack.check.PluginCode.Arity;
import devstack.script.PluginScript;
import groovy.lang.MetaClass;
import groovy.lang.MetaMethod;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.codehaus.groovy.runtime.InvokerHelper;

/**
 * What a plugin script can call besides the helpers and the plugins' functions: the methods Groovy gives every
 * script ({@code println}, {@code evaluate}, {@code sleep}, {@code each}, …), as the script's meta-class lists them,
 * GDK methods included. Read once, and only when a call is not a helper's or a plugin's.
 */
final class GroovyNames {
    private static volatile GroovyNames instance;

    private final Map<String, List<Arity>> methods;

    private GroovyNames(MetaClass metaClass) {
        Map<String, List<Arity>> byName = new HashMap<>();
        List<MetaMethod> all = new ArrayList<>(metaClass.getMethods());
        all.addAll(metaClass.getMetaMethods());
        for (MetaMethod method : all) {
            if (!method.isPublic()) {
                continue;
            }
            Class<?>[] types = method.getNativeParameterTypes();
            List<String> names = new ArrayList<>();
            for (Class<?> type : types) {
                names.add(type.getSimpleName());
            }
            boolean varargs = method.isVargsMethod();
            int min = varargs ? types.length - 1 : types.length;
            boolean singleObject = types.length == 1 && !types[0].isPrimitive();
            byName.computeIfAbsent(method.getName(), n -> new ArrayList<>()).add(new Arity(List.copyOf(names), min,
                    varargs ? Integer.MAX_VALUE : types.length, singleObject));
        }
        this.methods = Collections.unmodifiableMap(byName);
    }

    static GroovyNames get() {
        GroovyNames names = instance;
        if (names == null) {
            names = new GroovyNames(InvokerHelper.getMetaClass(PluginScript.class));
            instance = names;
        }
        return names;
    }

    List<Arity> arities(String name) {
        return methods.getOrDefault(name, List.of());
    }

    boolean has(String name) {
        return methods.containsKey(name);
    }
}
