package devstack.system;

import devstack.console.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code --dry-run}: every change the run would make to the machine is printed instead of made. Read-only queries
 * (is a package installed? what does this file hold?) still run, so the plan shows what would really happen here.
 */
public final class DryRun {
    private final Console console;
    /** What each file would hold after the planned edits, so that later edits and reads build on earlier ones. */
    private final Map<Path, byte[]> planned = new HashMap<>();
    /** What the plan has removed so far. */
    private final java.util.Set<Path> removed = new java.util.HashSet<>();

    public DryRun(Console console) {
        this.console = console;
    }

    /**
     * Applies a file edit to a scratch copy of the file (as it would be by now), prints the change as a diff and
     * keeps the result as the file's planned content; the file itself is never touched.
     */
    public synchronized <T> T edit(Path file, Function<Path, T> edit) {
        Path key = file.toAbsolutePath().normalize();
        byte[] before = planned.containsKey(key) ? planned.get(key) : read(key);
        return ScratchCopy.edit(key.getFileName().toString(), before, edit, (scratch, after) -> {
            if (before == null) {
                console.summary("[dry-run] would create " + file);
            }
            wouldWrite(file, lines(before), lines(after));
            planned.put(key, after);
        });
    }

    private static byte[] read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("dry run: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> lines(byte[] content) {
        return content == null || content.length == 0 ? List.of()
                : new String(content, StandardCharsets.UTF_8).lines().toList();
    }

    public void wouldRun(List<String> argv) {
        console.summary("[dry-run] would run: " + String.join(" ", argv));
    }

    public void wouldCreateDirectory(Path dir) {
        console.summary("[dry-run] would create directory " + dir);
    }

    public synchronized void wouldRemove(Path path) {
        console.summary("[dry-run] would remove " + path);
        removed.add(path.toAbsolutePath().normalize());
    }

    /** True once the plan removes {@code path}: later steps of the dry run must not find it again. */
    public synchronized boolean isRemoved(Path path) {
        return removed.contains(path.toAbsolutePath().normalize());
    }

    public void wouldDownload(String url, Path target) {
        console.summary("[dry-run] would download " + url + " to " + target);
    }

    public void wouldStart(String service, String command) {
        console.summary("[dry-run] would start " + service + ": " + command);
    }

    /** Shows a file change as a unified diff of its lines. */
    public void wouldWrite(Path file, List<String> before, List<String> after) {
        if (before.equals(after)) {
            return;
        }
        console.summary("[dry-run] would change " + file + ":");
        LineDiff.unified(file.toString(), before, after).forEach(console::summary);
    }
}
