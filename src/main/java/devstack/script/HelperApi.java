package devstack.script;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The helpers of {@link PluginScript}, read from the class itself: every public instance method it declares, by
 * name, with each signature. What {@code devstack check} resolves calls against, what the IDE file is generated
 * from, and what the specs hold docs/helpers.md to; so a new helper is known everywhere the moment it is written.
 */
public final class HelperApi {
    private static final HelperApi API = new HelperApi(PluginScript.class);

    /** One signature of a helper: its parameters' names and types, and how many arguments it takes. */
    public record Signature(Method method, List<String> names, List<Class<?>> types, int min, int max, String flag) {
        /** Whether a call with {@code count} arguments fits (after a leading flag, if the helper has one). */
        public boolean accepts(int count) {
            return count >= min && count <= max;
        }

        public String name() {
            return method.getName();
        }

        /** Takes any number of arguments from {@link #min} on. */
        public boolean unbounded() {
            return max == Integer.MAX_VALUE;
        }

        /** How the arguments read in a message: {@code (file, section, option, value)}. */
        public String parameterList() {
            return "(" + String.join(", ", names) + ")";
        }
    }

    private final Map<String, List<Signature>> helpers;

    private HelperApi(Class<?> api) {
        Map<String, List<Signature>> byName = new TreeMap<>();
        for (Method method : api.getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())
                    && !method.isSynthetic() && !method.isBridge()) {
                byName.computeIfAbsent(method.getName(), n -> new ArrayList<>()).add(signature(method));
            }
        }
        // Reflection returns methods in no fixed order: overloads of one arity are ordered by their parameter types,
        // so that every listing (help, the IDE file) is the same from build to build.
        byName.values().forEach(list -> list.sort(Comparator.comparingInt(Signature::min)
                .thenComparingInt(Signature::max)
                .thenComparing(signature -> signature.method().toGenericString())));
        byName.replaceAll((name, list) -> List.copyOf(list));
        this.helpers = Collections.unmodifiableMap(byName);
    }

    /** The helper API of {@link PluginScript}. */
    public static HelperApi get() {
        return API;
    }

    /** Every helper's name, sorted. */
    public List<String> names() {
        return List.copyOf(helpers.keySet());
    }

    public boolean has(String name) {
        return helpers.containsKey(name);
    }

    /** The signatures of {@code name}, fewest arguments first; empty when it is no helper. */
    public List<Signature> signatures(String name) {
        return helpers.getOrDefault(name, List.of());
    }

    /** Every signature of every helper, by name. */
    public Map<String, List<Signature>> all() {
        return helpers;
    }

    private static Signature signature(Method method) {
        Optional<Arguments> declared = Optional.ofNullable(method.getAnnotation(Arguments.class));
        if (declared.isPresent()) {
            List<String> names = Arrays.asList(declared.get().value());
            boolean rest = !names.isEmpty() && names.get(names.size() - 1).endsWith("...");
            int fixed = rest ? names.size() - 1 : names.size();
            List<Class<?>> types = new ArrayList<>(Collections.nCopies(names.size(), Object.class));
            return new Signature(method, List.copyOf(names), List.copyOf(types), fixed,
                    rest ? Integer.MAX_VALUE : fixed, declared.get().flag());
        }
        Parameter[] parameters = method.getParameters();
        List<String> names = new ArrayList<>();
        List<Class<?>> types = new ArrayList<>();
        for (int i = 0; i < parameters.length; i++) {
            boolean rest = method.isVarArgs() && i == parameters.length - 1;
            names.add(parameters[i].getName() + (rest ? "..." : ""));
            types.add(rest ? parameters[i].getType().getComponentType() : parameters[i].getType());
        }
        int fixed = method.isVarArgs() ? parameters.length - 1 : parameters.length;
        return new Signature(method, List.copyOf(names), List.copyOf(types), fixed,
                method.isVarArgs() ? Integer.MAX_VALUE : fixed, "");
    }
}
