package devstack.plugin;

import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyCodeSource;
import groovy.lang.Script;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.script.Invocable;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.jsr223.GroovyScriptEngineImpl;
import org.codehaus.groovy.syntax.SyntaxException;

/**
 * Compiles plugin files into the one JSR-223 Groovy engine of a run. Each file becomes its own script class named
 * after the file, with the helper base class as its superclass, so that errors name the plugin and two plugins
 * may define functions of the same name. The engine's class loader is the only compile entry point.
 */
public final class PluginCompiler {
    private final GroovyClassLoader loader;
    private final GroovyScriptEngineImpl engine;
    /** Script class name → the plugin it was compiled from, to turn stack frames into plugin locations. */
    private final Map<String, PluginSource> classes = new ConcurrentHashMap<>();
    /** Script class name → its syntax tree, kept by {@link SyntaxKeeper} until {@link #compile} hands it over. */
    private final Map<String, ModuleNode> syntax = new ConcurrentHashMap<>();

    public PluginCompiler(Class<? extends Script> baseClass) {
        CompilerConfiguration configuration = new CompilerConfiguration();
        configuration.setScriptBaseClass(baseClass.getName());
        configuration.setSourceEncoding(StandardCharsets.UTF_8.name());
        configuration.addCompilationCustomizers(new ProgramExitCheck(), new SyntaxKeeper(syntax));
        this.loader = new GroovyClassLoader(baseClass.getClassLoader(), configuration);
        ProgramExitGuard.install(loader);
        this.engine = new GroovyScriptEngineImpl(loader);
    }

    /** The engine, through which plugin functions are invoked on their own script instances. */
    public Invocable invocable() {
        return engine;
    }

    /** Compiles every file, reporting all syntax errors at once. */
    public List<CompiledPlugin> compileAll(List<PluginSource> sources) {
        List<CompiledPlugin> compiled = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (PluginSource source : sources) {
            try {
                compiled.add(compile(source));
            } catch (PluginException e) {
                errors.add(e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new PluginException(String.join("\n", errors), "fix the plugin" + (errors.size() > 1 ? "s" : "")
                    + " above; nothing was run");
        }
        return compiled;
    }

    public CompiledPlugin compile(PluginSource source) {
        String text;
        try {
            text = Files.readString(source.path(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PluginException(source.displayName() + ": cannot be read: " + e.getMessage(),
                    "make the file readable");
        }
        GroovyCodeSource code = new GroovyCodeSource(text, uniqueFileName(source), "/groovy/devstack-plugin");
        code.setCachable(false);
        try {
            Class<?> type = parseQuietly(code);
            if (!Script.class.isAssignableFrom(type)) {
                throw new PluginException(source.displayName() + ": defines a class, not a script",
                        "a plugin file is a script: top-level statements and functions (def name() { ... })");
            }
            classes.put(type.getName(), source);
            return new CompiledPlugin(source, type.asSubclass(Script.class), syntax.remove(type.getName()));
        } catch (CompilationFailedException e) {
            throw new PluginException(describe(source, text, e), "fix the error above; nothing was run");
        }
    }

    /**
     * Compiles with the parser's own stderr chatter ("unknown recognition error type: ...") kept off the console:
     * the error itself is reported properly, with file and line. Plugins are compiled before any phase, by one
     * thread, so the swap of System.err cannot hide anyone else's output.
     */
    private Class<?> parseQuietly(GroovyCodeSource code) {
        java.io.PrintStream stderr = System.err;
        System.setErr(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            return loader.parseClass(code, false);
        } finally {
            System.setErr(stderr);
        }
    }

    /** The innermost frame of {@code error} that lies in a plugin file, if any. */
    public Optional<Location> locate(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            Optional<Location> location = locate(t.getStackTrace());
            if (location.isPresent()) {
                return location;
            }
        }
        return Optional.empty();
    }

    /** The innermost plugin frame of a stack, e.g. to say where a helper was called from. */
    public Optional<Location> locate(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            PluginSource source = owner(frame.getClassName());
            if (source != null && frame.getLineNumber() > 0) {
                return Optional.of(new Location(source.displayName(), frame.getLineNumber()));
            }
        }
        return Optional.empty();
    }

    /**
     * The plugin a class was compiled from: a script class itself, or one of its closures, which Groovy compiles to
     * inner classes named after it ({@code Script$_run_closure1}, {@code Script$_install_closure2$_closure3}).
     */
    private PluginSource owner(String className) {
        for (String name = className; ; name = name.substring(0, name.lastIndexOf('$'))) {
            PluginSource source = classes.get(name);
            if (source != null || name.lastIndexOf('$') < 0) {
                return source;
            }
        }
    }

    /**
     * The file name the class is compiled under: the plugin's own, made unique when two plugins share a base name
     * (lib/x.groovy and nova_plugins/x.groovy), because the class name is derived from it.
     */
    private String uniqueFileName(PluginSource source) {
        String base = source.baseName();
        String candidate = base;
        for (int n = 2; isTaken(candidate, source); n++) {
            candidate = base + "_" + n;
        }
        return candidate + ".groovy";
    }

    private boolean isTaken(String fileBase, PluginSource source) {
        String className = fileBase.replaceAll("[^A-Za-z0-9_$]", "_");
        PluginSource owner = classes.get(className);
        return owner != null && !owner.path().equals(source.path());
    }

    /**
     * The mistake every bash author makes once: {@code "... $1"} in a double-quoted string, where Groovy reads
     * {@code $1} as a broken placeholder. Says how to write it instead.
     */
    private static String dollarArgumentHint(String text, SyntaxException cause) {
        String[] lines = text.split("\n", -1);
        int index = cause.getLine() - 1;
        boolean argumentError = cause.getOriginalMessage().matches("token recognition error at: '[12]'");
        if (argumentError && index >= 0 && index < lines.length && lines[index].matches(".*\"[^\"]*\\$[12].*")) {
            return " (inside a double-quoted string write ${$1}, or '...' + $1)";
        }
        return "";
    }

    private static String describe(PluginSource source, String text, CompilationFailedException failure) {
        if (!(failure instanceof MultipleCompilationErrorsException multiple)) {
            return source.displayName() + ": " + failure.getMessage();
        }
        List<String> lines = new ArrayList<>();
        for (Message message : multiple.getErrorCollector().getErrors()) {
            if (message instanceof SyntaxErrorMessage syntax) {
                SyntaxException cause = syntax.getCause();
                lines.add(source.displayName() + ":" + cause.getLine() + ":" + cause.getStartColumn() + ": "
                        + cause.getOriginalMessage() + dollarArgumentHint(text, cause));
            } else if (message instanceof ExceptionMessage exception) {
                lines.add(source.displayName() + ": " + exception.getCause().getMessage());
            } else {
                lines.add(source.displayName() + ": " + message);
            }
        }
        return String.join("\n", lines);
    }
}
