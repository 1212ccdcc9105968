package devstack.plugin;

import groovy.lang.GroovyClassLoader;
import groovy.lang.Script;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.script.Invocable;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.jsr223.GroovyScriptEngineImpl;
import org.codehaus.groovy.syntax.SyntaxException;
import org.codehaus.groovy.tools.GroovyClass;

/**
 * Compiles plugin files for the one JSR-223 Groovy engine of a run. Each file becomes its own script class named
 * after the file, with the helper base class as its superclass, so that errors name the plugin and two plugins
 * may define functions of the same name.
 *
 * <p>A file is compiled at most once per run (as long as its text is the same), and not at all when the
 * {@link ClassCache} holds its classes from an earlier run: compiling is most of the start-up time. Compiled and
 * cached classes are loaded the same way, each file's in a {@link PluginClassLoader} of its own.
 */
public final class PluginCompiler {
    private final Class<? extends Script> baseClass;
    private final CompilerConfiguration configuration;
    private final ClassCache cache;
    private final GroovyClassLoader loader;
    private GroovyScriptEngineImpl engine;
    private String fingerprint;
    /** Script and closure class name → the plugin it was compiled from, to turn stack frames into locations. */
    private final Map<String, PluginSource> classes = new ConcurrentHashMap<>();
    /** What this run compiled, by file: a file sourced again is not compiled again. */
    private final Map<Path, Compiled> compiled = new HashMap<>();
    private int compiledFiles;
    private final MetaClassWarmUp metaClasses = new MetaClassWarmUp();

    private record Compiled(String text, CompiledPlugin plugin) {
    }

    /** One file's class files, with its syntax tree when it was compiled in this run (not taken from the cache). */
    private record Classes(CompiledClasses files, ModuleNode syntax) {
    }

    /** A compiler without a class cache: every file is compiled. */
    public PluginCompiler(Class<? extends Script> baseClass) {
        this(baseClass, ClassCache.disabled());
    }

    public PluginCompiler(Class<? extends Script> baseClass, ClassCache cache) {
        this.baseClass = baseClass;
        this.cache = cache;
        this.configuration = new CompilerConfiguration();
        configuration.setScriptBaseClass(baseClass.getName());
        configuration.setSourceEncoding(StandardCharsets.UTF_8.name());
        configuration.addCompilationCustomizers(new ProgramExitCheck());
        this.loader = new GroovyClassLoader(baseClass.getClassLoader(), configuration);
        ProgramExitGuard.install(loader);
    }

    /** The engine, through which plugin functions are invoked on their own script instances. */
    public synchronized Invocable invocable() {
        if (engine == null) {
            engine = new GroovyScriptEngineImpl(loader);
        }
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

    /** The classes of {@code source}: compiled, taken from this run's earlier compile, or from the cache. */
    public CompiledPlugin compile(PluginSource source) {
        String text;
        try {
            text = Files.readString(source.path(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PluginException(source.displayName() + ": cannot be read: " + e.getMessage(),
                    "make the file readable");
        }
        Path path = source.path().toAbsolutePath().normalize();
        Compiled earlier = compiled.get(path);
        if (earlier != null && earlier.text().equals(text)) {
            return earlier.plugin();
        }
        String fileName = uniqueFileName(source);
        byte[] key = cache.isEnabled() ? ClassCache.key(fingerprint(), fileName, text) : null;
        Classes output = key == null ? null : cache.load(key).map(files -> new Classes(files, null)).orElse(null);
        if (output == null) {
            output = compileQuietly(source, text, fileName);
            compiledFiles++;
            if (key != null) {
                cache.publish(key, output.files());
            }
        }
        CompiledClasses files = output.files();
        Class<?> type;
        try {
            type = new PluginClassLoader(baseClass.getClassLoader(), files).loadClass(files.mainClass());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the class " + files.mainClass() + " of " + source + " went missing", e);
        }
        if (!Script.class.isAssignableFrom(type)) {
            throw new PluginException(source.displayName() + ": defines a class, not a script",
                    "a plugin file is a script: top-level statements and functions (def name() { ... })");
        }
        files.files().keySet().forEach(name -> classes.put(name, source));
        metaClasses.add(type);
        CompiledPlugin plugin = new CompiledPlugin(source, type.asSubclass(Script.class), output.syntax());
        compiled.put(path, new Compiled(text, plugin));
        return plugin;
    }

    /** Whether this compiler keeps classes, and what checks read, between runs. */
    public boolean caches() {
        return cache.isEnabled();
    }

    /**
     * What a check read from a plugin's text earlier (see {@link #keepDerived}), if the class cache holds it for
     * this compiler, this {@code kind} and exactly this text.
     */
    public Optional<byte[]> derived(String kind, String text) {
        return cache.isEnabled() ? cache.loadData(ClassCache.key(fingerprint(), kind, text)) : Optional.empty();
    }

    /**
     * Keeps what was read from a plugin's text (for example, by the check of calls) in the class cache, so that a
     * run that takes the plugin's classes from the cache need not parse the text again. {@code kind} names the
     * reader and its version, and anything else the data depends on.
     */
    public void keepDerived(String kind, String text, byte[] data) {
        if (cache.isEnabled()) {
            cache.publishData(ClassCache.key(fingerprint(), kind, text), data);
        }
    }

    /** How many files this compiler really compiled: not those it took from the cache or compiled before. */
    public int compiledFiles() {
        return compiledFiles;
    }

    private String fingerprint() {
        if (fingerprint == null) {
            fingerprint = CompilerFingerprint.of(configuration, baseClass);
        }
        return fingerprint;
    }

    /**
     * Compiles one file to its class files, with the parser's own stderr chatter ("unknown recognition error
     * type: ...") kept off the console: the error itself is reported properly, with file and line. Plugins are
     * compiled by one thread, before any phase or inside a {@code source} call, so the swap of System.err cannot
     * hide anyone else's output.
     */
    private Classes compileQuietly(PluginSource source, String text, String fileName) {
        java.io.PrintStream stderr = System.err;
        System.setErr(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            CompilationUnit unit = new CompilationUnit(configuration, null, loader);
            SourceUnit sourceUnit = unit.addSource(fileName, text);
            unit.compile(Phases.CLASS_GENERATION);
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (GroovyClass generated : unit.getClasses()) {
                files.put(generated.getName(), generated.getBytes());
            }
            // The module's first class is the script class (or, in a file without statements, its first class).
            // The tree is kept for the checks that read a plugin's code, so that they need not parse it again.
            ModuleNode syntax = sourceUnit.getAST();
            return new Classes(new CompiledClasses(syntax.getClasses().get(0).getName(), files), syntax);
        } catch (CompilationFailedException e) {
            throw new PluginException(describe(source, text, e), "fix the error above; nothing was run");
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
            PluginSource source = classes.get(frame.getClassName());
            if (source != null && frame.getLineNumber() > 0) {
                return Optional.of(new Location(source.displayName(), frame.getLineNumber()));
            }
        }
        return Optional.empty();
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
