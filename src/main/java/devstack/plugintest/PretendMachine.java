package devstack.plugintest;

import devstack.DevstackException;
import devstack.plan.World;
import devstack.system.CommandResult;
import devstack.system.Machine;
import devstack.system.OsRelease;
import devstack.system.Privilege;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The machine a plugin test pretends to run on: a distribution, root or not, installed packages, files, running
 * services, and the answers of the read-only commands a plugin asks ({@code query}, {@code succeeds}, {@code $(…)}
 * in localrc). Nothing of the real machine is asked. A command that changes the machine "succeeds" without
 * output unless an answer is given for it; a read-only command without an answer fails the run loudly, naming the
 * command, so that a test never depends on what happens to be installed where it runs.
 */
public final class PretendMachine implements World {
    /** An answer for the commands whose command line matches {@code pattern}. */
    private record Answer(Pattern pattern, CommandResult result) {
    }

    private Distro distro = Distro.DEBIAN_12;
    private boolean root = true;
    private String arch = "x86_64";
    private final Set<String> packages = new HashSet<>();
    private final Map<Path, byte[]> files = new HashMap<>();
    private final Map<Path, Integer> modes = new HashMap<>();
    private final Set<Path> directories = new HashSet<>();
    private final List<Answer> queries = new ArrayList<>();
    private final List<Answer> changes = new ArrayList<>();
    private final Map<String, Boolean> services = new LinkedHashMap<>();
    private final List<String> processes = new ArrayList<>();
    private final Map<Pattern, Boolean> urls = new LinkedHashMap<>();
    private final Map<String, Path> remotes = new HashMap<>();

    PretendMachine() {
        directories.add(Path.of("/"));
        // Every machine has one: mktemp makes its files there.
        directories.add(Path.of("/tmp"));
    }

    void distro(Distro distro) {
        this.distro = distro;
    }

    void root(boolean root) {
        this.root = root;
    }

    void arch(String arch) {
        this.arch = arch;
    }

    void install(Collection<String> names) {
        packages.addAll(names);
    }

    void file(Path path, byte[] content, int mode) {
        Path file = key(path);
        files.put(file, content);
        modes.put(file, mode);
        directory(file.getParent());
    }

    void directory(Path path) {
        for (Path p = key(path); p != null; p = p.getParent()) {
            directories.add(p);
        }
    }

    void answerQuery(String regex, CommandResult result) {
        queries.add(0, new Answer(Pattern.compile(regex), result));
    }

    void answerChange(String regex, CommandResult result) {
        changes.add(0, new Answer(Pattern.compile(regex), result));
    }

    void service(String name, boolean running) {
        services.put(name, running);
    }

    void process(String commandLine) {
        processes.add(commandLine);
    }

    void url(String regex, boolean answers) {
        urls.put(Pattern.compile(regex), answers);
    }

    void remote(String url, Path checkout) {
        remotes.put(url, checkout.toAbsolutePath().normalize());
    }

    @Override
    public OsRelease os() {
        return distro.release();
    }

    @Override
    public Privilege privilege() {
        return new Privilege(root);
    }

    @Override
    public boolean exists(Path path) {
        Path p = key(path);
        return files.containsKey(p) || directories.contains(p);
    }

    @Override
    public boolean isDirectory(Path path) {
        return directories.contains(key(path));
    }

    @Override
    public boolean isRegularFile(Path path) {
        return files.containsKey(key(path));
    }

    @Override
    public List<Path> list(Path dir) {
        Path d = key(dir);
        Set<Path> entries = new TreeSet<>(Comparator.comparing(Path::toString));
        files.keySet().stream().filter(p -> d.equals(p.getParent())).forEach(entries::add);
        directories.stream().filter(p -> d.equals(p.getParent())).forEach(entries::add);
        return new ArrayList<>(entries);
    }

    @Override
    public Optional<byte[]> read(Path file, boolean asRoot) {
        return Optional.ofNullable(files.get(key(file))).map(byte[]::clone);
    }

    @Override
    public OptionalInt mode(Path file) {
        Integer mode = modes.get(key(file));
        return mode == null ? OptionalInt.empty() : OptionalInt.of(mode);
    }

    @Override
    public boolean isOnNfs(Path path) {
        return false;
    }

    @Override
    public Set<String> installed(Collection<String> names) {
        Set<String> result = new HashSet<>();
        names.stream().filter(n -> packages.contains(n.split("[:=]")[0])).forEach(result::add);
        return result;
    }

    @Override
    public CommandResult query(List<String> argv, Map<String, String> environment) {
        String line = commandLine(argv);
        for (Answer answer : queries) {
            if (answer.pattern().matcher(line).matches()) {
                return answer.result();
            }
        }
        if (line.equals("uname -m")) {
            return CommandResult.success(arch);
        }
        if (line.equals("systemd-detect-virt --container")) {
            return new CommandResult(1, "none", List.of("none"));
        }
        if (line.matches("\\S*python\\S* -m pip --version")) {
            return CommandResult.success("pip 24.0");
        }
        throw new DevstackException(DevstackException.FAILED, "the test gives no answer for the read-only command '"
                + line + "'", "answer it in the test, e.g. .answer('" + Pattern.quote(line).replace("\\", "\\\\")
                + "', 'its output') or .answer(regex, exitCode, output)");
    }

    @Override
    public byte[] readBytes(List<String> argv) {
        return query(argv, Map.of()).stdout().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public CommandResult answer(List<String> argv) {
        String line = commandLine(argv);
        for (Answer answer : changes) {
            if (answer.pattern().matcher(line).matches()) {
                return answer.result();
            }
        }
        return CommandResult.success("");
    }

    @Override
    public Map<String, Boolean> services(Path serviceDir) {
        return new LinkedHashMap<>(services);
    }

    @Override
    public boolean isRunning(String name) {
        return processes.stream().anyMatch(p -> p.contains(name));
    }

    @Override
    public boolean answers(URI url) {
        for (Map.Entry<Pattern, Boolean> entry : urls.entrySet()) {
            if (entry.getKey().matcher(url.toString()).matches()) {
                return entry.getValue();
            }
        }
        return true;
    }

    @Override
    public Path checkout(Machine.GitRequest request) {
        return remotes.getOrDefault(request.remote(), request.dest());
    }

    /**
     * How a command is matched: a shell command ({@code sh}, {@code sudo}, {@code query}, {@code succeeds}) by its
     * own text, anything else by its words joined by blanks.
     */
    static String commandLine(List<String> argv) {
        int shell = argv.indexOf("/bin/sh");
        if (shell >= 0 && argv.size() == shell + 3 && argv.get(shell + 1).equals("-c")) {
            return argv.get(shell + 2);
        }
        return String.join(" ", argv);
    }

    private static Path key(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
