package devstack.testkit

import devstack.cli.DevstackCommand
import java.nio.file.Path

/** Runs the real command line in-process, as a user would from a shell, and keeps what it printed. */
class Cli {
    int exitCode
    String out
    String err

    static Cli run(Path topDir, String... args) {
        run([:], topDir, args)
    }

    /** Runs {@code devstack <command> --top-dir topDir <options>}; {@code env} is the process environment. */
    static Cli run(Map<String, String> env, Path topDir, String... args) {
        List<String> argv = args.toList()
        if (topDir != null) {
            argv.add(1, '--top-dir')
            argv.add(2, topDir.toString())
        }
        runRaw(env, argv as String[])
    }

    static Cli runRaw(Map<String, String> env = [:], String... argv) {
        runStartedAt(null, env, argv)
    }

    /** As {@link #runRaw}, for a run whose process started at {@code started} (null: now). */
    static Cli runStartedAt(java.time.Instant started, Map<String, String> env, String... argv) {
        def out = new StringWriter()
        def err = new StringWriter()
        // No class cache unless a spec asks for one: specs must not write to the user's ~/.cache.
        def environment = [PATH: System.getenv('PATH'), HOME: System.getenv('HOME'), DEVSTACK_CACHE_DIR: 'off'] + env
        // As the program builds it (Main): the model of the command named only, every command where it needs them.
        def startedAt = started ?: java.time.Instant.now()
        def commandLine = DevstackCommand.forArguments(environment, { startedAt } as java.util.function.Supplier, argv)
        commandLine.out = new PrintWriter(out)
        commandLine.err = new PrintWriter(err)
        int code = commandLine.execute(argv)
        new Cli(exitCode: code, out: out.toString(), err: err.toString())
    }

    String toString() { "exit $exitCode\n--- stdout\n$out--- stderr\n$err" }
}
