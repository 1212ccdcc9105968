package devstack.spare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run a launcher hands a spare JVM, as the launcher wrote it into the spare's directory: {@code request} holds
 * the launcher's process id, whether its input and output are a terminal (1 or 0) and the command's arguments;
 * {@code environ} its environment, as {@code env -0} prints it. Every field ends with a NUL byte, so that any
 * argument or value (a newline included) arrives as it was.
 *
 * @param client the launcher's process: the standard streams are its own, the run started when it did
 * @param interactive whether the launcher's input and output are a terminal
 * @param arguments the command line, as the user typed it
 * @param environment the environment the command runs with, as the launcher's own
 */
record SpareRequest(long client, boolean interactive, List<String> arguments, Map<String, String> environment) {
    static final String REQUEST = "request";
    static final String ENVIRONMENT = "environ";

    /** Reads the request in {@code directory}; an error names the field that is not as the launcher writes it. */
    static SpareRequest read(Path directory) throws IOException {
        List<String> fields = fields(directory.resolve(REQUEST));
        if (fields.size() < 2 || !fields.get(0).matches("[1-9][0-9]*") || !fields.get(1).matches("[01]")) {
            throw new IOException(directory.resolve(REQUEST) + ": not a request (process id, 0 or 1, arguments)");
        }
        Map<String, String> environment = new LinkedHashMap<>();
        for (String entry : fields(directory.resolve(ENVIRONMENT))) {
            int equals = entry.indexOf('=');
            if (equals > 0) {
                environment.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        return new SpareRequest(Long.parseLong(fields.get(0)), fields.get(1).equals("1"),
                fields.subList(2, fields.size()), environment);
    }

    /** When the launcher started: the user's {@code ./stack.sh} execs it, so the run's time counts from then. */
    Instant started() {
        return ProcessHandle.of(client).flatMap(process -> process.info().startInstant()).orElseGet(Instant::now);
    }

    private static List<String> fields(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        if (!text.isEmpty() && !text.endsWith("\0")) {
            throw new IOException(file + ": cut short (its last field has no NUL byte)");
        }
        return text.isEmpty() ? List.of() : Arrays.asList(text.substring(0, text.length() - 1).split("\0", -1));
    }
}
