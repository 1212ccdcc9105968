package devstack.plugintest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A recording compared with a committed file (JenkinsPipelineUnit's call stacks): a difference fails with a diff
 * of the two. Run the tests with {@code -Ddevstack.golden.update=true} (or the environment variable
 * {@code DEVSTACK_GOLDEN_UPDATE=true}) to write the files anew from the recordings instead, then review the change
 * with {@code git diff} before committing it.
 */
public final class GoldenFile {
    /** The switch that rewrites golden files. */
    public static final String UPDATE_PROPERTY = "devstack.golden.update";
    public static final String UPDATE_VARIABLE = "DEVSTACK_GOLDEN_UPDATE";

    private GoldenFile() {
    }

    static void check(Path file, List<String> recorded) {
        String actual = String.join("\n", recorded) + "\n";
        try {
            if (updating()) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(file)) {
                throw new AssertionError("no golden file " + file + "; run the test with -D" + UPDATE_PROPERTY
                        + "=true to write it, then review and commit it");
            }
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            if (!expected.equals(actual)) {
                List<String> diff = devstack.plan.UnifiedDiff.of(file.toString(), "recorded", expected.lines().toList(),
                        actual.lines().toList());
                throw new AssertionError("the recording differs from " + file + " (run with -D" + UPDATE_PROPERTY
                        + "=true to accept it):\n" + String.join("\n", diff));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean updating() {
        return Boolean.getBoolean(UPDATE_PROPERTY) || "true".equalsIgnoreCase(System.getenv(UPDATE_VARIABLE));
    }
}
