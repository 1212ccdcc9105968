package devstack.plugin;

import devstack.DevstackException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks every plugin file gets before a run's first phase, in one place for {@code stack} (which stops with
 * all the problems at once) and {@code devstack plugins} (which lists them plugin by plugin), so that both judge
 * the same files the same way. Problems are kept by owner: a file of the tree, or an external plugin's name.
 */
public final class PluginCheck {
    private final PluginCompiler compiler;
    private final Map<String, List<DevstackException>> problems = new LinkedHashMap<>();
    /** Every file that compiled, by owner, in the order compiled: what the checks of calls read. */
    private final Map<String, List<CompiledPlugin>> compiled = new LinkedHashMap<>();
    private boolean compileFailed;

    public PluginCheck(PluginCompiler compiler) {
        this.compiler = compiler;
    }

    /** The compiler the files are compiled with (and whose class cache keeps what the checks read). */
    public PluginCompiler compiler() {
        return compiler;
    }

    /** Compiles one file of {@code owner}; null, with the problem recorded, when it does not compile. */
    public CompiledPlugin compile(String owner, PluginSource source) {
        try {
            CompiledPlugin plugin = compiler.compile(source);
            compiled.computeIfAbsent(owner, o -> new ArrayList<>()).add(plugin);
            return plugin;
        } catch (DevstackException e) {
            compileFailed = true;
            problem(owner, e);
            return null;
        }
    }

    public void problem(String owner, DevstackException problem) {
        problems.computeIfAbsent(owner, o -> new ArrayList<>()).add(problem);
    }

    /** Every file that compiled, by owner (a file of the tree, or an external plugin's name). */
    public Map<String, List<CompiledPlugin>> compiled() {
        return compiled;
    }

    /** Whether every file given to {@link #compile} compiled: otherwise some functions cannot be known. */
    public boolean allCompiled() {
        return !compileFailed;
    }

    /** What is wrong with {@code owner}'s files, one message each; empty when it is valid. */
    public List<String> problems(String owner) {
        return problems.getOrDefault(owner, List.of()).stream().map(Throwable::getMessage).toList();
    }

    /** Everything that is wrong, one message each, owner by owner. */
    public List<String> problems() {
        return problems.values().stream().flatMap(List::stream).map(Throwable::getMessage).toList();
    }

    /** Stops the run if anything is wrong: one problem as it is, several in one report (exit 2). */
    public void throwIfAny() {
        List<DevstackException> all = problems.values().stream().flatMap(List::stream).toList();
        if (all.size() == 1) {
            throw all.get(0);
        }
        if (!all.isEmpty()) {
            throw new PluginException(String.join("\n", all.stream().map(Throwable::getMessage).toList()),
                    "fix the plugins above; nothing was run");
        }
    }
}
