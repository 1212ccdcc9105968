package devstack.check;

import devstack.check.PluginCode.Arity;
import devstack.check.PluginCode.Call;
import devstack.check.PluginCode.SourceCall;
import devstack.config.Settings;
import devstack.plugin.ClassCache;
import devstack.plugin.CompiledPlugin;
import devstack.plugin.PluginCheck;
import devstack.plugin.PluginCompiler;
import devstack.plugin.PluginException;
import devstack.plugin.PluginKind;
import devstack.plugin.PluginSource;
import devstack.script.HelperApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.codehaus.groovy.ast.ModuleNode;

/**
 * {@code devstack check}, and the same check {@code stack}, {@code unstack}, {@code clean} and {@code devstack
 * plugins} make before anything runs: every function a plugin calls must be a helper, a Groovy method of a script,
 * or a function that a plugin, a library it sources or another plugin defines; and a helper must get a number of
 * arguments it takes. What is wrong is recorded in the {@link PluginCheck} the files were compiled by, under the
 * same owner, so every command judges a tree the same way.
 *
 * <p>The check may run in two steps: the tree's files first, before anything changes, then the external plugins
 * once they are cloned and compiled; a name the tree's files call and nobody there defines waits for the second
 * step, since an external plugin may define it.
 */
public final class CallCheck {
    /** What a call to a name nobody defines is. */
    public enum Unknown {
        /** Every file that could define it has been read: an error. */
        ERROR,
        /** External plugins are still to be read: decided by the next {@link #check}. */
        LATER,
        /** An enabled external plugin cannot be read (it is not cloned): a warning, since it may define it. */
        WARNING
    }

    /** A file the check has read, and whose problems go to {@code owner}. */
    private record Checked(String owner, CompiledPlugin plugin, PluginCode code) {
    }

    private record Waiting(Checked file, Call call) {
    }

    private static final String MARK_HINT = "check the spelling; define the function, or source the library that "
            + "defines it; a call the check cannot see (a function made at run time) is marked with // devstack:dynamic"
            + " (docs/plugins.md#devstack-check)";

    /**
     * The version of what reads a plugin's code, in the key of what the class cache keeps of it: hashed from the
     * class files on first use, so a run without a cache never reads them.
     */
    private static final class ReaderVersion {
        static final String VALUE = ClassCache.codeVersion(CodeReader.class, PluginCode.class, PluginCode.Call.class,
                PluginCode.SourceCall.class, PluginCode.Arity.class, PluginCodeFormat.class);
    }

    private final Path topDir;
    private final CodeReader reader;
    private int parsed;
    private final HelperApi helpers = HelperApi.get();
    private final List<Checked> files = new ArrayList<>();
    private final Set<Path> read = new HashSet<>();
    private final List<Waiting> waiting = new ArrayList<>();
    /** Per file: what it sources that the check could not read, said with a name it cannot resolve. */
    private final Map<String, List<String>> unreadSources = new HashMap<>();

    public CallCheck(Path topDir, String dest) {
        this.topDir = topDir.toAbsolutePath().normalize();
        this.reader = new CodeReader(Map.of("TOP_DIR", this.topDir.toString(), "DEST", dest));
    }

    /** How many files the check parsed itself: none when the compiler or the class cache told it everything. */
    public int parsed() {
        return parsed;
    }

    public static CallCheck of(Settings settings) {
        return new CallCheck(settings.topDir(), settings.get("DEST"));
    }

    /**
     * Checks every file {@code check} compiled (and the files they source), with every file checked before.
     *
     * @param unknown what a name nobody defines is now
     * @param unread  the enabled plugins that could not be read, named in the warnings of {@link Unknown#WARNING}
     * @return the warnings, one line each
     */
    public List<String> check(PluginCheck check, Unknown unknown, List<String> unread) {
        List<Checked> added = new ArrayList<>();
        for (Map.Entry<String, List<CompiledPlugin>> owner : List.copyOf(check.compiled().entrySet())) {
            for (CompiledPlugin plugin : List.copyOf(owner.getValue())) {
                if (read.add(key(plugin.source().path()))) {
                    added.add(read(owner.getKey(), plugin, check.compiler()));
                }
            }
        }
        follow(added, check);
        files.addAll(added);

        Map<String, List<Arity>> functions = new HashMap<>();
        Set<String> globals = new HashSet<>();
        for (Checked file : files) {
            file.code().functions().forEach((name, arities) ->
                    functions.computeIfAbsent(name, n -> new ArrayList<>()).addAll(arities));
            globals.addAll(file.code().callableGlobals());
        }
        List<Waiting> calls = new ArrayList<>(waiting);
        waiting.clear();
        added.forEach(file -> file.code().calls().forEach(call -> calls.add(new Waiting(file, call))));
        // In file and line order, whatever the order of the files and of the kinds of problem.
        calls.sort(Comparator.comparing((Waiting w) -> w.file().code().file()).thenComparingInt(w -> w.call().line())
                .thenComparingInt(w -> w.call().column()));
        List<String> warnings = new ArrayList<>();
        Set<String> known = null;
        for (Waiting call : calls) {
            Optional<Waiting> unresolved = resolve(call, functions, globals, check);
            if (unresolved.isEmpty() || !check.allCompiled()) {
                // A file that does not compile may define any name: say nothing about names until it does.
                continue;
            }
            known = known == null ? knownNames(functions, globals) : known;
            switch (unknown) {
                case LATER -> waiting.add(call);
                case ERROR -> check.problem(call.file().owner(), new PluginException(unresolvedMessage(call, known),
                        MARK_HINT));
                case WARNING -> warnings.add(unresolvedMessage(call, known) + "; it may be defined by plugin"
                        + (unread.size() > 1 ? "s " : " ") + String.join(", ", unread) + ", which "
                        + (unread.size() > 1 ? "are" : "is") + " not cloned, so it is not checked");
            }
        }
        return warnings;
    }

    /**
     * The services each dispatch file (an extras.d hook, an external plugin's {@code plugin.groovy}) tests with
     * {@code is_service_enabled} and string literals, in file order; files that test none are left out.
     */
    public Map<String, List<String>> servicesTested() {
        Map<String, List<String>> tested = new java.util.LinkedHashMap<>();
        for (Checked file : files) {
            PluginSource source = file.plugin().source();
            boolean dispatch = source.kind() == PluginKind.HOOK
                    || source.kind() == PluginKind.EXTERNAL && source.path().getFileName().toString()
                    .equals("plugin.groovy");
            if (dispatch && !file.code().servicesTested().isEmpty()) {
                tested.put(source.displayName(), file.code().servicesTested());
            }
        }
        return tested;
    }

    /**
     * The services a plugin enables with {@code enable_service} and string literals (an external plugin's settings
     * usually enable its own), each with the first file that does it.
     */
    public Map<String, String> servicesEnabled() {
        Map<String, String> enabled = new java.util.LinkedHashMap<>();
        for (Checked file : files) {
            file.code().servicesEnabled().forEach(name -> enabled.putIfAbsent(name, file.code().file()));
        }
        return enabled;
    }

    /** The call's problem other than an unknown name, recorded; the call itself when nobody defines the name. */
    private Optional<Waiting> resolve(Waiting waiting, Map<String, List<Arity>> functions, Set<String> globals,
                                      PluginCheck check) {
        Checked file = waiting.file();
        Call call = waiting.call();
        String name = call.name();
        if (file.code().dynamicLines().contains(call.line()) || file.code().dynamicNames().contains(name)) {
            return Optional.empty();
        }
        List<HelperApi.Signature> helper = helpers.signatures(name);
        List<Arity> defined = functions.getOrDefault(name, List.of());
        if (!helper.isEmpty() || !defined.isEmpty()) {
            if (helper.stream().noneMatch(s -> fits(s, call)) && defined.stream().noneMatch(a -> a.accepts(call))) {
                check.problem(file.owner(), new PluginException(call.where(file.code().file()) + ": "
                        + arityMessage(helper.isEmpty() ? "function " + name : name, helper, defined, call),
                        helper.isEmpty()
                        ? "give the function the arguments it is defined with"
                        : "give the helper the arguments docs/helpers.md shows for " + name));
            }
            return Optional.empty();
        }
        if (globals.contains(name)) {
            return Optional.empty();
        }
        GroovyNames groovy = GroovyNames.get();
        if (groovy.has(name)) {
            if (groovy.arities(name).stream().noneMatch(a -> a.accepts(call))) {
                check.problem(file.owner(), new PluginException(call.where(file.code().file()) + ": "
                        + arityMessage(name, List.of(), groovy.arities(name), call),
                        "give " + name + " the arguments Groovy defines it with"));
            }
            return Optional.empty();
        }
        return Optional.of(waiting);
    }

    /** A helper's signature, counting its flag ({@code '-sudo'}) out; a flag that is not a literal may be either. */
    private static boolean fits(HelperApi.Signature signature, Call call) {
        int count = call.arguments();
        if (count < 0) {
            return true;
        }
        if (!signature.flag().isEmpty() && count > 0) {
            if (signature.flag().equals(call.flag())) {
                return signature.accepts(count - 1);
            }
            if (!call.firstIsLiteral() && signature.accepts(count - 1)) {
                return true;
            }
        }
        return signature.accepts(count);
    }

    /** {@code what takes N arguments (a, b) or …, got M}, with a helper's flag counted out as the helper does. */
    private static String arityMessage(String what, List<HelperApi.Signature> helper, List<Arity> defined, Call call) {
        List<String> forms = new ArrayList<>();
        String flag = "";
        for (HelperApi.Signature signature : helper) {
            forms.add(count(signature.min(), signature.max()) + " " + signature.parameterList());
            flag = signature.flag().isEmpty() ? flag : signature.flag();
        }
        List<Arity> sorted = new ArrayList<>(defined);
        sorted.sort(Comparator.comparingInt(Arity::min).thenComparingInt(Arity::max)
                .thenComparing(a -> String.join(",", a.parameters())));
        for (Arity arity : sorted) {
            forms.add(count(arity.min(), arity.max()) + " (" + String.join(", ", arity.parameters()) + ")");
        }
        String takes = forms.stream().distinct().collect(Collectors.joining(" or "));
        int given = !flag.isEmpty() && flag.equals(call.flag()) ? call.arguments() - 1 : call.arguments();
        return what + " takes " + takes + (flag.isEmpty() ? "" : ", after an optional '" + flag + "'") + ", got "
                + given;
    }

    private static String count(int min, int max) {
        String n = max == Integer.MAX_VALUE ? "at least " + min : min == max ? String.valueOf(min) : min + " to " + max;
        return n + (min == 1 && max == 1 ? " argument" : " arguments");
    }

    private String unresolvedMessage(Waiting waiting, Set<String> known) {
        Call call = waiting.call();
        String file = waiting.file().code().file();
        StringBuilder message = new StringBuilder(call.where(file)).append(": no helper or function named ")
                .append(call.name());
        DidYouMean.nearest(call.name(), known).ifPresent(near -> message.append("; did you mean ").append(near)
                .append('?'));
        List<String> sources = unreadSources.getOrDefault(file, List.of());
        if (!sources.isEmpty()) {
            message.append(" (the file sources ").append(String.join(", and ", sources)).append(')');
        }
        return message.toString();
    }

    /** Every name a call could have meant: the helpers first, then the plugins' functions and the script's own. */
    private Set<String> knownNames(Map<String, List<Arity>> functions, Set<String> globals) {
        Set<String> names = new LinkedHashSet<>(helpers.names());
        names.addAll(new java.util.TreeSet<>(functions.keySet()));
        names.addAll(new java.util.TreeSet<>(globals));
        names.addAll(List.of("println", "print", "printf", "sprintf", "sleep", "evaluate"));
        return names;
    }

    /** Reads the files the new ones source and no one has read, compiling them as {@code source} would. */
    private void follow(List<Checked> added, PluginCheck check) {
        Deque<Checked> queue = new ArrayDeque<>(added);
        while (!queue.isEmpty()) {
            Checked file = queue.removeFirst();
            for (SourceCall source : file.code().sources()) {
                if (source.path().isEmpty()) {
                    unread(file, "a path made at run time at line " + source.line()
                            + ", which the check cannot read");
                    continue;
                }
                Optional<Path> path = resolve(source.path().get());
                if (path.isEmpty()) {
                    unread(file, source.path().get() + " at line " + source.line() + ", which does not exist");
                    continue;
                }
                if (!read.add(path.get())) {
                    continue;
                }
                CompiledPlugin library = check.compile(file.owner(), new PluginSource(PluginKind.LIBRARY,
                        path.get(), displayName(path.get())));
                if (library != null) {
                    Checked sourced = read(file.owner(), library, check.compiler());
                    added.add(sourced);
                    queue.addLast(sourced);
                }
            }
        }
    }

    private void unread(Checked file, String what) {
        unreadSources.computeIfAbsent(file.code().file(), f -> new ArrayList<>()).add(what);
    }

    /** Where {@code source} finds a path: relative to TOP_DIR, {@code .groovy} added when needed. */
    private Optional<Path> resolve(String path) {
        Path file = topDir.resolve(path).toAbsolutePath().normalize();
        if (!Files.exists(file) && Files.exists(Path.of(file + ".groovy"))) {
            file = Path.of(file + ".groovy");
        }
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    private String displayName(Path file) {
        return file.startsWith(topDir) ? topDir.relativize(file).toString() : file.toString();
    }

    /**
     * What {@code plugin}'s code does: read from the syntax tree its compile left, or kept in the class cache by an
     * earlier run when its classes came from there (parsing it again would cost most of what the cache saves).
     */
    private Checked read(String owner, CompiledPlugin plugin, PluginCompiler compiler) {
        PluginSource source = plugin.source();
        String text = text(source.path());
        // An external plugin's file is read from its checkout but named (and sourced) by its place in the clone.
        Path shown = Path.of(source.displayName());
        if (shown.isAbsolute()) {
            read.add(key(shown));
        }
        // Without a class cache there is nothing to look up or keep.
        String kind = compiler.caches()
                ? "call check " + ReaderVersion.VALUE + " " + source.displayName() + " " + reader.expansions() : null;
        Optional<PluginCode> kept = kind == null || plugin.syntaxTree().isPresent() ? Optional.empty()
                : compiler.derived(kind, text).flatMap(CallCheck::decode);
        if (kept.isPresent()) {
            return new Checked(owner, plugin, kept.get());
        }
        ModuleNode module = plugin.syntaxTree().orElseGet(() -> {
            parsed++;
            return SyntaxTrees.parse(source.displayName(), text);
        });
        PluginCode code = reader.read(source.displayName(), module, text);
        if (kind != null) {
            compiler.keepDerived(kind, text, PluginCodeFormat.encode(code));
        }
        return new Checked(owner, plugin, code);
    }

    private static Optional<PluginCode> decode(byte[] data) {
        try {
            return Optional.of(PluginCodeFormat.decode(data));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // damaged: read from the source instead, and kept again
        }
    }

    private static Path key(Path path) {
        return path.toAbsolutePath().normalize();
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
