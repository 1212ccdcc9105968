package devstack.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The run the launcher records the JVM's class-data archive from (in the background, after a user's run): every
 * command on a small tree of its own in a temporary directory, so that the archive holds the classes of every
 * path a user's run takes: the command line and its errors, the configuration, compiling plugins and loading
 * them from the class cache, the phases, the helpers. Everything it writes stays in that directory (DEST,
 * NOVA_CONF and the class cache included); it installs nothing (OFFLINE) and starts nothing that outlives it.
 */
public final class ArchiveTraining {
    private ArchiveTraining() {
    }

    public static void main(String[] args) throws IOException, ClassNotFoundException {
        Class.forName("devstack.cli.Main");
        exercise();
    }

    /**
     * Runs every command once on the training tree, with their output thrown away. A spare JVM does this too
     * before it waits for its run, so that the run finds the classes loaded and linked and the hot code compiled.
     */
    public static void exercise() throws IOException {
        Path tree = Files.createTempDirectory("devstack-archive-training");
        try {
            write(tree);
            Map<String, String> environment = Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                    "HOME", tree.toString(), "DEVSTACK_CACHE_DIR", tree.resolve("cache").toString());
            String top = tree.toString();
            for (List<String> command : List.of(List.of("--version"), List.of("--help"), List.of("stack", "--help"),
                    List.of("no-such-command"), List.of("stack", "--top-dir", top),
                    List.of("stack", "--top-dir", top), List.of("plugins", "--top-dir", top),
                    List.of("unstack", "--top-dir", top), List.of("clean", "--top-dir", top))) {
                // As the program builds it (Main), so that the archive holds the classes of that path too.
                CommandLine commandLine = DevstackCommand.forArguments(environment, Instant::now,
                        command.toArray(String[]::new));
                commandLine.setOut(new PrintWriter(Writer.nullWriter()));
                commandLine.setErr(new PrintWriter(Writer.nullWriter()));
                commandLine.execute(command.toArray(String[]::new));
            }
        } finally {
            delete(tree);
        }
    }

    private static void write(Path tree) throws IOException {
        Path dest = tree.resolve("dest");
        file(tree, "local.conf", "[[local|localrc]]\nDEST=" + dest + "\nNOVA_CONF=" + tree.resolve("nova/nova.conf")
                + "\nENABLED_SERVICES=train,n-cpu\nVIRT_DRIVER=train\nOFFLINE=True\nVERBOSE=False\n\n"
                + "[[post-config|$DEST/merged.conf]]\n[DEFAULT]\nmerged = True\n");
        file(tree, "extras.d/10-train.groovy", """
                if (is_service_enabled('train')) {
                    if ($1 == 'source') {
                        source 'lib/train.groovy'
                        TRAIN_VALUE = "value ${$1}"
                    }
                    if ($1 == 'stack' && $2 == 'install') {
                        install_train()
                    }
                    if ($1 == 'stack' && $2 == 'post-config') {
                        iniset "$DEST/train.conf", 'DEFAULT', 'key', TRAIN_VALUE
                        ['a', 'b'].each { echo_summary "item $it" }
                    }
                    if ($1 == 'stack' && $2 == 'extra') {
                        sh 'true'
                    }
                    if ($1 == 'unstack') {
                        echo_summary "unstack ${DEST}"
                    }
                }
                """);
        file(tree, "extras.d/20-echo.groovy", "echo_summary \"hook ${$1} ${$2}\"\n");
        file(tree, "lib/train.groovy", "def install_train() {\n    echo_summary 'installing train'\n}\n");
        file(tree, "nova_plugins/hypervisor-train.groovy", """
                def install_nova_hypervisor() {}
                def configure_nova_hypervisor() { iniset NOVA_CONF, 'DEFAULT', 'compute_driver', 'train' }
                def start_nova_hypervisor() {}
                def stop_nova_hypervisor() {}
                def cleanup_nova_hypervisor() {}
                """);
    }

    private static void file(Path tree, String name, String text) throws IOException {
        Path file = tree.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static void delete(Path tree) throws IOException {
        try (Stream<Path> paths = Files.walk(tree)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
