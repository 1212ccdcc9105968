package devstack.script;

import devstack.plugin.CompiledPlugin;
import devstack.plugin.Location;
import devstack.plugin.PluginCompiler;
import devstack.plugin.PluginException;
import devstack.plugin.PluginKind;
import devstack.plugin.PluginSet;
import devstack.plugin.PluginSource;
import devstack.console.Timers;
import groovy.lang.Script;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs compiled plugins against the shared variable space: one script instance per plugin file, whose body runs
 * each time the file is "sourced" (a hook at every phase, a library at each {@code source}), after which its
 * functions are callable from every plugin, as in bash.
 */
public final class PluginRuntime {
    private final PluginCompiler compiler;
    private final PluginSet plugins;
    private final ScriptContext context;
    private final ScriptBinding binding;
    private final FunctionTable functions;
    private final Map<Class<?>, Script> instances = new HashMap<>();
    /** Directories whose files are read from elsewhere: a clone a dry run only planned, read from its copy. */
    private final Map<Path, Path> readFrom = new HashMap<>();
    private final Timers pluginTimes = new Timers(Clock.systemUTC());

    public PluginRuntime(PluginCompiler compiler, PluginSet plugins, ScriptContext context) {
        this.compiler = compiler;
        this.plugins = plugins;
        this.context = context;
        this.binding = new ScriptBinding(context.settings().variables(), this);
        this.functions = new FunctionTable(compiler.invocable());
        // A function is_<name>_enabled defined by a plugin answers is_service_enabled <name>.
        context.settings().services().usePredicates(name -> {
            String predicate = "is_" + name + "_enabled";
            return functions.exists(predicate)
                    ? Optional.of(isTrue(functions.call(predicate)))
                    : Optional.empty();
        });
    }

    public ScriptContext context() {
        return context;
    }

    public FunctionTable functions() {
        return functions;
    }

    /** Runs a plugin file's body with {@code $1} and {@code $2}, then makes its functions callable. */
    public void run(CompiledPlugin plugin, String first, String second) {
        Script instance = instance(plugin);
        timed(plugin, () -> binding.withArguments(first, second, instance::run));
        functions.define(instance, plugin.functions());
    }

    /** Calls one of a plugin's own functions (the hypervisor functions), on that plugin's instance. */
    public Object call(CompiledPlugin plugin, String function) {
        Object[] result = new Object[1];
        timed(plugin, () -> result[0] = functions.invoke(instance(plugin), function));
        return result[0];
    }

    /** Time spent in each plugin file (its body and the functions the core calls), for the timing table. */
    public Timers pluginTimes() {
        return pluginTimes;
    }

    private void timed(CompiledPlugin plugin, Runnable work) {
        Instant start = Instant.now();
        try {
            work.run();
        } finally {
            binding.flushOutput();
            pluginTimes.add(plugin.source().displayName(), Duration.between(start, Instant.now()));
        }
    }

    /**
     * {@code source}: runs a library file with the caller's {@code $1}/{@code $2}, so that its functions become
     * callable. The path is relative to TOP_DIR unless absolute; {@code .groovy} may be left out, as DevStack
     * plugins write {@code source $TOP_DIR/lib/template}.
     */
    public void source(String path) {
        Path file = resolve(path);
        CompiledPlugin library = plugins.library(file).orElseGet(() -> compiler.compile(
                new PluginSource(PluginKind.LIBRARY, file, displayName(file))));
        Script instance = instance(library);
        instance.run();
        functions.define(instance, library.functions());
    }

    /** Files under {@code declared} are read from the same place under {@code actual} (a planned clone's copy). */
    public void readFrom(Path declared, Path actual) {
        readFrom.put(declared.toAbsolutePath().normalize(), actual.toAbsolutePath().normalize());
    }

    /** Where in a plugin the current helper call comes from. */
    public Optional<Location> caller() {
        return compiler.locate(new Throwable().getStackTrace());
    }

    /** Where in a plugin an error was raised. */
    public Optional<Location> locate(Throwable error) {
        return compiler.locate(error);
    }

    private Path resolve(String path) {
        Path topDir = context.settings().topDir();
        Path file = relocated(topDir.resolve(path).toAbsolutePath().normalize());
        if (!Files.exists(file) && Files.exists(Path.of(file + ".groovy"))) {
            file = Path.of(file + ".groovy");
        }
        if (!Files.isRegularFile(file)) {
            throw new PluginException("source: no such file: " + path,
                    "give a path relative to TOP_DIR, e.g. source 'lib/template.groovy'");
        }
        return file;
    }

    private Path relocated(Path file) {
        for (Map.Entry<Path, Path> entry : readFrom.entrySet()) {
            if (file.startsWith(entry.getKey())) {
                return entry.getValue().resolve(entry.getKey().relativize(file));
            }
        }
        return file;
    }

    private String displayName(Path file) {
        Path topDir = context.settings().topDir().toAbsolutePath().normalize();
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(topDir) ? topDir.relativize(absolute).toString() : absolute.toString();
    }

    private Script instance(CompiledPlugin plugin) {
        return instances.computeIfAbsent(plugin.scriptClass(), type -> {
            try {
                Script script = (Script) type.getDeclaredConstructor().newInstance();
                script.setBinding(binding);
                return script;
            } catch (InstantiationException | IllegalAccessException | NoSuchMethodException e) {
                throw new IllegalStateException("cannot instantiate " + plugin.source(), e);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("cannot instantiate " + plugin.source(), e.getCause());
            }
        });
    }

    /** Groovy truth, so that a predicate may return a boolean, a count or a string. */
    private static boolean isTrue(Object result) {
        return org.codehaus.groovy.runtime.typehandling.DefaultTypeTransformation.castToBoolean(result);
    }
}
