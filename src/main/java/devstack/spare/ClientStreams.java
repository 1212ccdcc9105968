package devstack.spare;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Path;

/**
 * The standard streams of the launcher a spare JVM runs a command for, opened through {@code /proc/PID/fd}: the
 * same terminal, pipe or file the launcher has, so that the command's output goes where the user sent it, in
 * order, without being copied through another process. Output is opened to append: a file the user redirected to
 * is written after what is in it, as through the launcher's own descriptor. All three are opened before the spare
 * tells the launcher it runs the command: from then on, the launcher may redirect its own descriptors for a moment.
 */
final class ClientStreams {
    private ClientStreams() {
    }

    /** Makes the launcher's streams this JVM's {@code System.in}, {@code System.out} and {@code System.err}. */
    static void adopt(long client) throws IOException {
        Path descriptors = Path.of("/proc", Long.toString(client), "fd");
        // As the JVM makes its own: flushed at each line, in the encoding of standard output.
        Charset charset = Charset.forName(System.getProperty("stdout.encoding", Charset.defaultCharset().name()));
        PrintStream out = new PrintStream(new FileOutputStream(descriptors.resolve("1").toFile(), true), true, charset);
        PrintStream err = new PrintStream(new FileOutputStream(descriptors.resolve("2").toFile(), true), true, charset);
        System.setIn(new FileInputStream(descriptors.resolve("0").toFile()));
        System.setOut(out);
        System.setErr(err);
    }
}
