package devstack.script;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** {@code $LOGDIR/error.log}, where {@code err} keeps its lines, as DevStack's does. */
final class ErrorLog {
    private ErrorLog() {
    }

    static void append(String logDir, String line) {
        if (logDir == null || logDir.isEmpty()) {
            return;
        }
        try {
            Path dir = Path.of(logDir);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("error.log"), line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // The line is already on the console and in the run log; error.log is a convenience copy.
        }
    }
}
