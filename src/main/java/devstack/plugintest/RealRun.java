package devstack.plugintest;

import devstack.cli.DevstackCommand;
import devstack.plugin.ClassCache;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The real program on a real tree, for end-to-end specs (Gradle TestKit's runner): runs
 * {@code devstack COMMAND --top-dir TREE OPTIONS} in this JVM, as a user would from a shell, and keeps its exit code
 * and output. Unlike {@link PluginTest} this changes the machine (unless the command has {@code --dry-run}).
 *
 * <pre>
 * def result = RealRun.in(tree).env('DEST', dest.toString()).run('stack', '--dry-run')
 * result.exitCode() == 0
 * </pre>
 */
public final class RealRun {
    /** What a run printed and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private final Path topDir;
    private final Map<String, String> environment = new LinkedHashMap<>();

    private RealRun(Path topDir) {
        this.topDir = topDir;
        environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"));
        environment.put("HOME", System.getenv().getOrDefault("HOME", "/root"));
        // The class cache of this JVM's environment, as a shell would pass it on (off when the build says so).
        String cache = System.getenv(ClassCache.ENVIRONMENT);
        if (cache != null) {
            environment.put(ClassCache.ENVIRONMENT, cache);
        }
    }

    /** A runner for the tree at {@code topDir}. */
    public static RealRun in(Object topDir) {
        return new RealRun(topDir instanceof Path p ? p : Path.of(topDir.toString()));
    }

    /** An environment variable of the run (PATH, HOME and DEVSTACK_CACHE_DIR are this JVM's unless set). */
    public RealRun env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Runs {@code devstack COMMAND --top-dir TREE ARGS…}. */
    public Result run(String command, String... args) {
        List<String> argv = new ArrayList<>(List.of(command, "--top-dir", topDir.toString()));
        argv.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = DevstackCommand.commandLine(environment);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(argv.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }
}
