package devstack.spare;

import devstack.cli.ArchiveTraining;
import devstack.cli.DevstackCommand;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A spare JVM: what lets a warm run start in a fraction of the time a JVM takes to start Groovy. The launcher
 * ({@code bin/devstack}) starts one after {@code stack}, {@code plugins} and {@code check}, with that run's JDK,
 * options, working directory and locale. It warms up on a tree of its own, then waits for one command. The next
 * launcher with the same settings claims it, and it runs that launcher's command as that launcher's JVM would:
 * with its arguments, environment, start time and standard streams. Then it exits with the command's status,
 * which its wrapper ({@code bin/devstack-spare}) passes to the launcher. One command per JVM: no state of one run
 * (a plugin's meta-class changes, a system property) can reach another.
 *
 * <p>Its directory, {@code NAME.warming} while it warms up, tells the launchers its state by its suffix:
 * {@code .ready} (renamed by this JVM), {@code .claimed} (renamed by the launcher that got it) or {@code .expired}
 * (renamed by this JVM when nobody claimed it within its idle time). A rename is atomic, so exactly one launcher
 * gets a spare, and a spare that expires is never claimed.
 *
 * <p>Arguments: the idle time in seconds, and the directory ({@code NAME.warming}).
 */
public final class SpareJvm {
    /** How long a claimed spare waits for its launcher's request: a launcher writes it at once. */
    private static final Duration CLAIM_GRACE = Duration.ofMinutes(1);

    private final Path warming;
    private final Duration idle;
    private final CountDownLatch requested = new CountDownLatch(1);

    private SpareJvm(Path warming, Duration idle) {
        this.warming = warming;
        this.idle = idle;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !args[0].matches("[1-9][0-9]*") || !args[1].endsWith(".warming")) {
            System.err.println("usage: SpareJvm IDLE-SECONDS DIRECTORY.warming (started by bin/devstack-spare)");
            System.exit(2);
        }
        new SpareJvm(Path.of(args[1]), Duration.ofSeconds(Long.parseLong(args[0]))).serve();
    }

    private void serve() throws Exception {
        // Both FIFOs are opened before the directory is renamed, and for reading and writing, which never blocks:
        // "wake" carries the launcher's go, "status" this JVM's answer and then the wrapper's exit status.
        try (RandomAccessFile wake = new RandomAccessFile(warming.resolve("wake").toFile(), "rw");
             RandomAccessFile status = new RandomAccessFile(warming.resolve("status").toFile(), "rw")) {
            ArchiveTraining.exercise();
            System.gc();
            Path ready = renamed("ready");
            Files.move(warming, ready, StandardCopyOption.ATOMIC_MOVE);
            expireWhenIdle(ready);
            String go = wake.readLine();
            requested.countDown();
            Path claimed = renamed("claimed");
            SpareRequest request;
            try {
                if (!"go".equals(go)) {
                    throw new IOException("the launcher sent " + go + " instead of go");
                }
                request = SpareRequest.read(claimed);
                ClientStreams.adopt(request.client());
            } catch (IOException e) {
                // The launcher runs the command itself when this answer is not "run".
                status.write(("refused: " + e.getMessage().replace('\n', ' ') + "\n").getBytes(StandardCharsets.UTF_8));
                System.exit(1);
                return;
            }
            status.write("run\n".getBytes(StandardCharsets.UTF_8));
            String[] arguments = request.arguments().toArray(String[]::new);
            int code = DevstackCommand.forArguments(request.environment(), request::started, request.interactive(),
                    arguments).execute(arguments);
            System.out.flush();
            System.err.flush();
            // For bench/lifecycle.sh, through the launcher: what this JVM needed at most, warm-up included.
            status.write(("peak-rss " + peakResidentKib() + "\n").getBytes(StandardCharsets.UTF_8));
            System.exit(code);
        }
    }

    /**
     * After the idle time, the spare renames itself expired and exits, unless a launcher claimed it first. A
     * claimed spare whose launcher never sends its go (it was killed in between) exits after {@link #CLAIM_GRACE}.
     */
    private void expireWhenIdle(Path ready) {
        Thread timer = new Thread(() -> {
            try {
                if (requested.await(idle.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
                try {
                    Files.move(ready, renamed("expired"), StandardCopyOption.ATOMIC_MOVE);
                    System.exit(0);
                } catch (NoSuchFileException claimedMeanwhile) {
                    if (!requested.await(CLAIM_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                        System.exit(1);
                    }
                }
            } catch (IOException | InterruptedException e) {
                System.exit(1);
            }
        }, "spare-idle-timer");
        timer.setDaemon(true);
        timer.start();
    }

    /** The JVM's peak resident memory in KiB (VmHWM), or 0 where /proc does not say. */
    private static long peakResidentKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Only the benchmark reads it.
        }
        return 0;
    }

    /** This spare's directory with another state: NAME.warming becomes NAME.STATE. */
    private Path renamed(String state) {
        String name = warming.getFileName().toString();
        return warming.resolveSibling(name.substring(0, name.length() - ".warming".length()) + "." + state);
    }
}
