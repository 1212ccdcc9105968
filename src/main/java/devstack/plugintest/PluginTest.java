package devstack.plugintest;

import devstack.DevstackException;
import devstack.console.Console;
import devstack.lifecycle.Host;
import devstack.plugin.ClassCache;
import devstack.lifecycle.Lifecycle;
import devstack.lifecycle.Phase;
import devstack.plan.Plan;
import devstack.plan.SimulatedMachine;
import devstack.system.CommandResult;
import devstack.system.CreatedRecord;
import devstack.system.FileModes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A plugin under test: a hook, a hypervisor plugin, an external plugin or a whole tree, run on a machine that only
 * pretends ({@link PretendMachine}) and records what the run would do ({@link RecordedRun}). No root, no package
 * manager, nothing on the machine changes.
 *
 * <pre>
 * def run = PluginTest.hook('extras.d/50-template.groovy')
 *         .library('lib/template.groovy')
 *         .services('template')
 *         .on(Distro.UBUNTU_24_04)
 *         .stack()
 * run.packagesInstalled() == ['cowsay'] as Set
 * run.ini('/opt/stack/data/template/template.conf')['DEFAULT']['greeting'] == 'Hello from the template plugin'
 * </pre>
 *
 * <p>Each call returns this test, so a Spock specification can set it up in one expression; each run starts from
 * the same pretend machine and the same settings. No service is enabled unless the test says so
 * ({@link #services}, {@link #enable}); the user runs as root unless {@link #asUser}; STACK_USER is {@code stack}.
 */
public final class PluginTest {
    /** What goes into the tree of a run: relative name → the file it is copied from. */
    private final Map<String, Path> treeFiles = new LinkedHashMap<>();
    private final List<String> localrc = new ArrayList<>();
    private final List<String> metaSections = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final PretendMachine machine = new PretendMachine();
    private Path filesDir;
    private final List<String> createdEarlier = new ArrayList<>();

    private PluginTest() {
        // The same user wherever the test runs, so that recordings do not depend on who runs them.
        environment.put("STACK_USER", "stack");
    }

    /** An extras.d hook ({@code extras.d/NN-name.groovy}). */
    public static PluginTest hook(Object file) {
        Path path = path(file);
        return new PluginTest().add("extras.d/" + path.getFileName(), path);
    }

    /** A hypervisor plugin ({@code nova_plugins/hypervisor-NAME.groovy}); VIRT_DRIVER and n-cpu are set for it. */
    public static PluginTest hypervisor(Object file) {
        Path path = path(file);
        String name = path.getFileName().toString();
        if (!name.matches("hypervisor-.+\\.groovy")) {
            throw new IllegalArgumentException(path + ": a hypervisor plugin is named hypervisor-NAME.groovy");
        }
        String driver = name.substring("hypervisor-".length(), name.length() - ".groovy".length());
        return new PluginTest().add("nova_plugins/" + name, path).set("VIRT_DRIVER", driver).services("n-cpu");
    }

    /**
     * An external plugin: the repository in {@code dir} (with {@code devstack/plugin.groovy}), enabled as
     * {@code enable_plugin NAME <its URL>}; its clone is read from {@code dir} itself.
     */
    public static PluginTest externalPlugin(String name, Object dir) {
        Path repo = path(dir).toAbsolutePath().normalize();
        String url = "file://" + repo;
        PluginTest test = new PluginTest();
        test.machine.remote(url, repo);
        return test.localrc("enable_plugin " + name + " " + url);
    }

    /** A whole tree: every hook, hypervisor plugin, library and package list of {@code topDir}. */
    public static PluginTest tree(Object topDir) {
        Path top = path(topDir);
        PluginTest test = new PluginTest();
        for (String dir : List.of("extras.d", "nova_plugins", "lib")) {
            Path from = top.resolve(dir);
            if (Files.isDirectory(from)) {
                try (Stream<Path> files = Files.list(from)) {
                    files.filter(Files::isRegularFile).forEach(f -> test.add(dir + "/" + f.getFileName(), f));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        if (Files.isDirectory(top.resolve("files"))) {
            test.files(top.resolve("files"));
        }
        return test;
    }

    /** A library the plugin loads with {@code source 'lib/NAME.groovy'}. */
    public PluginTest library(Object file) {
        Path path = path(file);
        return add("lib/" + path.getFileName(), path);
    }

    /** Another hook beside the one under test. */
    public PluginTest withHook(Object file) {
        Path path = path(file);
        return add("extras.d/" + path.getFileName(), path);
    }

    /** The prerequisite lists ({@code files/debs}, {@code files/rpms}) of the tree. */
    public PluginTest files(Object dir) {
        filesDir = path(dir);
        return this;
    }

    /** Lines for local.conf's {@code [[local|localrc]]}, as a user writes them. */
    public PluginTest localrc(String lines) {
        localrc.add(lines);
        return this;
    }

    /** One setting in {@code [[local|localrc]]}: {@code NAME=value} (quoted for bash). */
    public PluginTest set(String name, String value) {
        return localrc(name + "='" + value.replace("'", "'\\''") + "'");
    }

    /** ENABLED_SERVICES, replacing the default list (comma-separated, as DevStack writes it). */
    public PluginTest services(String services) {
        return set("ENABLED_SERVICES", services);
    }

    /** {@code enable_service} for each name. */
    public PluginTest enable(String... services) {
        return localrc("enable_service " + String.join(" ", services));
    }

    /** More of local.conf after the localrc section: meta-sections such as {@code [[post-config|$NOVA_CONF]]}. */
    public PluginTest localConf(String sections) {
        metaSections.add(sections);
        return this;
    }

    /** An environment variable of the run. */
    public PluginTest env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** The distribution the machine pretends to be (Debian 12 unless said). */
    public PluginTest on(Distro distro) {
        machine.distro(distro);
        return this;
    }

    /** The run is not root: what needs root goes through sudo (it is root unless said). */
    public PluginTest asUser() {
        machine.root(false);
        return this;
    }

    /** What {@code uname -m} says (x86_64 unless said). */
    public PluginTest arch(String arch) {
        machine.arch(arch);
        return this;
    }

    /** Packages installed before the run. */
    public PluginTest installed(String... packages) {
        machine.install(Arrays.asList(packages));
        return this;
    }

    /** A file on the machine before the run, mode 0644. */
    public PluginTest file(String path, String content) {
        return file(path, content, "0644");
    }

    /** A file on the machine before the run, with its mode ({@code '0640'}). */
    public PluginTest file(String path, String content, String mode) {
        int bits = FileModes.parse(mode);
        if (bits < 0) {
            throw new IllegalArgumentException("'" + mode + "' is not an octal mode");
        }
        machine.file(Path.of(path), content.getBytes(StandardCharsets.UTF_8), bits);
        return this;
    }

    /**
     * Paths an earlier stack created, as its record in the default DEST ({@code /opt/stack/.devstack-created})
     * holds them: clean removes only what a stack created.
     */
    public PluginTest created(String... paths) {
        createdEarlier.addAll(Arrays.asList(paths));
        machine.file(Path.of("/opt/stack", CreatedRecord.FILE_NAME),
                (String.join("\n", createdEarlier) + "\n").getBytes(StandardCharsets.UTF_8), 0644);
        return this;
    }

    /** A directory on the machine before the run. */
    public PluginTest directory(String path) {
        machine.directory(Path.of(path));
        return this;
    }

    /**
     * The answer of the read-only commands whose command line matches {@code regex} (the whole line): exit 0 with
     * {@code stdout}. A shell command ({@code query}, {@code succeeds}) is matched by its own text.
     */
    public PluginTest answer(String regex, String stdout) {
        return answer(regex, 0, stdout);
    }

    /** The answer of the read-only commands matching {@code regex}: {@code exitCode} and {@code stdout}. */
    public PluginTest answer(String regex, int exitCode, String stdout) {
        machine.answerQuery(regex, new CommandResult(exitCode, stdout, stdout.lines().toList()));
        return this;
    }

    /**
     * What the commands that change the machine and match {@code regex} answer in the recording (they "succeed"
     * without output unless said), e.g. a failure: {@code .answerChange('apt-get .*', 100, 'E: no space')}.
     */
    public PluginTest answerChange(String regex, int exitCode, String stdout) {
        machine.answerChange(regex, new CommandResult(exitCode, stdout, stdout.lines().toList()));
        return this;
    }

    /** A service whose process runs (or has died) before the run, as SERVICE_DIR records it. */
    public PluginTest service(String name, boolean running) {
        machine.service(name, running);
        return this;
    }

    /** A process running before the run ({@code is_running} looks at command lines). */
    public PluginTest process(String commandLine) {
        machine.process(commandLine);
        return this;
    }

    /** Whether the URLs matching {@code regex} answer ({@code wait_for_service}); every URL does unless said. */
    public PluginTest url(String regex, boolean answers) {
        machine.url(regex, answers);
        return this;
    }

    /** A git remote a plugin clones ({@code git_clone}), read from the local checkout {@code dir}. */
    public PluginTest remote(String url, Object dir) {
        machine.remote(url, path(dir));
        return this;
    }

    /** Runs {@code stack} and records it. */
    public RecordedRun stack() {
        return run("stack", l -> l.stack(Instant.now()));
    }

    /** Runs {@code unstack} and records it. */
    public RecordedRun unstack() {
        return run("unstack", l -> l.unstack(false, Instant.now()));
    }

    /** Runs {@code clean} (which runs unstack --all first) and records it. */
    public RecordedRun clean() {
        return run("clean", l -> l.clean(Instant.now()));
    }

    /**
     * Runs one phase, after {@code source}, as stack (or unstack, clean) runs it: {@code phase('stack', 'install')},
     * {@code phase('unstack', '')}.
     */
    public RecordedRun phase(String first, String second) {
        Phase phase = Arrays.stream(Phase.values()).filter(p -> p.mode().equals(first) && p.subPhase().equals(second))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no phase '" + first + " " + second
                        + "'; the phases are " + Arrays.toString(Phase.values())));
        return run(phase.toString(), l -> l.phase(phase));
    }

    private RecordedRun run(String command, Consumer<Lifecycle> lifecycle) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Console console = new Console(new PrintWriter(out), new PrintWriter(err));
        Plan plan = new Plan(new Plan.Listener() { });
        Path top = writeTree();
        DevstackException failure = null;
        try (SimulatedMachine recording = new SimulatedMachine(machine, plan, () -> { })) {
            Lifecycle run = Host.prepare(top, environment, console, recording, new Host.Options(true,
                    // The class cache of the test's own JVM (DEVSTACK_CACHE_DIR, else ~/.cache/devstack), so that a
                    // plugin's tests compile it once; not the environment the test gives the plugin.
                    ClassCache.forUser(System.getenv(), note -> { })));
            lifecycle.accept(run);
        } catch (DevstackException e) {
            failure = e;
            console.error(e.getMessage());
        } finally {
            delete(top);
        }
        return new RecordedRun(command, plan, out.toString(), err.toString(), failure);
    }

    /** The tree of one run in a temporary directory: the plugins, the package lists, and local.conf. */
    private Path writeTree() {
        try {
            Path top = Files.createTempDirectory("devstack-plugin-test");
            for (String dir : List.of("extras.d", "nova_plugins", "lib")) {
                Files.createDirectories(top.resolve(dir));
            }
            for (Map.Entry<String, Path> file : treeFiles.entrySet()) {
                Files.copy(file.getValue(), top.resolve(file.getKey()));
            }
            if (filesDir != null) {
                copyTree(filesDir, top.resolve("files"));
            }
            // Nothing is enabled unless the test says so: the shipped default list would need their plugins.
            StringBuilder conf = new StringBuilder("[[local|localrc]]\nVERBOSE=False\nENABLED_SERVICES=\n");
            localrc.forEach(lines -> conf.append(lines).append('\n'));
            metaSections.forEach(sections -> conf.append(sections).append('\n'));
            Files.writeString(top.resolve("local.conf"), conf);
            return top;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the plugin test's tree: " + e.getMessage(), e);
        }
    }

    private PluginTest add(String name, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        treeFiles.put(name, file);
        return this;
    }

    private static Path path(Object file) {
        return file instanceof Path p ? p : Path.of(file.toString());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            // A temporary tree left behind holds only copies of the plugins.
        }
    }
}
