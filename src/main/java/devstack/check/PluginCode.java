package devstack.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the check reads from one plugin file's syntax tree: the functions it defines, the globals it makes callable,
 * the functions it calls, the files it loads with {@code source}, the services it tests with
 * {@code is_service_enabled} and enables with {@code enable_service} (string literals), and the calls its author
 * marked as built at run time.
 *
 * @param file how messages name the file ({@code extras.d/50-template.groovy})
 */
record PluginCode(String file, Map<String, List<Arity>> functions, Set<String> callableGlobals, List<Call> calls,
                  List<SourceCall> sources, List<String> servicesTested, List<String> servicesEnabled,
                  Set<Integer> dynamicLines, Set<String> dynamicNames) {

    /**
     * A call of a function on the script itself: {@code install_package 'x'}, {@code this.foo()}.
     *
     * @param arguments how many arguments, or -1 when a spread ({@code *list}) makes it unknown
     * @param flag      the first argument when it is a string literal ({@code '-sudo'}), else null
     * @param mayBeList the only argument might be a list, which Groovy spreads over the parameters
     */
    record Call(String name, int line, int column, int arguments, String flag, boolean firstIsLiteral,
                boolean mayBeList) {
        String where(String file) {
            return file + ":" + line + ":" + column;
        }
    }

    /**
     * A {@code source} call.
     *
     * @param path the path with {@code $TOP_DIR} and {@code $DEST} expanded; empty when it is built at run time
     */
    record SourceCall(Optional<String> path, int line) {
    }

    /** How many arguments one definition of a function takes, as Groovy calls it. */
    record Arity(List<String> parameters, int min, int max, boolean singleObject) {
        boolean accepts(Call call) {
            int count = call.arguments();
            if (count < 0 || count >= min && count <= max) {
                return true;
            }
            // Groovy passes null to a single parameter called without arguments, and spreads a single list argument
            // over several parameters.
            return count == 0 && singleObject || count == 1 && call.mayBeList() && parameters.size() > 1;
        }
    }

    /** Collects what a walk of the tree finds. */
    static final class Builder {
        private final String file;
        private final Map<String, List<Arity>> functions = new LinkedHashMap<>();
        private final Set<String> callableGlobals = new LinkedHashSet<>();
        private final List<Call> calls = new ArrayList<>();
        private final List<SourceCall> sources = new ArrayList<>();
        private final List<String> servicesTested = new ArrayList<>();
        private final List<String> servicesEnabled = new ArrayList<>();
        private final Set<Integer> dynamicLines = new LinkedHashSet<>();
        private final Set<String> dynamicNames = new LinkedHashSet<>();

        Builder(String file) {
            this.file = file;
        }

        void function(String name, Arity arity) {
            functions.computeIfAbsent(name, n -> new ArrayList<>()).add(arity);
        }

        void callableGlobal(String name) {
            callableGlobals.add(name);
        }

        void call(Call call) {
            calls.add(call);
        }

        void source(SourceCall source) {
            sources.add(source);
        }

        void serviceTested(String name) {
            if (!servicesTested.contains(name)) {
                servicesTested.add(name);
            }
        }

        void serviceEnabled(String name) {
            if (!servicesEnabled.contains(name)) {
                servicesEnabled.add(name);
            }
        }

        void dynamicLine(int line) {
            dynamicLines.add(line);
        }

        void dynamicName(String name) {
            dynamicNames.add(name);
        }

        PluginCode build() {
            return new PluginCode(file, Map.copyOf(functions), Set.copyOf(callableGlobals), List.copyOf(calls),
                    List.copyOf(sources), List.copyOf(servicesTested), List.copyOf(servicesEnabled),
                    Set.copyOf(dynamicLines), Set.copyOf(dynamicNames));
        }
    }
}
