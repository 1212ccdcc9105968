package devstack.testkit

import java.nio.file.Path

/**
 * The program in a JVM of its own, for what an in-process run cannot show: a second concurrent run, a signal,
 * a terminal.
 */
class Program {
    /**
     * {@code java -cp <this classpath> devstack.cli.Main <command> --top-dir topDir <options>}, with the signals a
     * user sends in their default state: a build run in the background ignores SIGINT, and its children would
     * inherit that, so a spec's Ctrl-C would never arrive.
     */
    static List<String> command(Path topDir, String... args) {
        ['env', '--default-signal=INT,TERM,HUP', 'java', '-cp', System.getProperty('java.class.path'),
         'devstack.cli.Main', args[0], '--top-dir', topDir.toString()] + args.drop(1).toList()
    }

    /** Starts {@code devstack <args> --top-dir topDir}, output merged and kept in {@code output}. */
    static Process start(Path topDir, Path output, String... args) {
        new ProcessBuilder(command(topDir, args))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start()
    }
}
