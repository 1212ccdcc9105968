package devstack.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * An edit made on a private copy of a file's content, for edits that must not touch the file (a dry run) or
 * cannot (a root-owned file edited through sudo). The caller decides what a change means.
 */
public final class ScratchCopy {
    private ScratchCopy() {
    }

    /**
     * Writes {@code before} (null: no file) to a scratch file named {@code fileName}, applies {@code edit} to it,
     * and, if the edit left a file that differs, calls {@code whenChanged} with the scratch file and its bytes
     * while it still exists.
     */
    public static <T> T edit(String fileName, byte[] before, Function<Path, T> edit,
                             BiConsumer<Path, byte[]> whenChanged) {
        try {
            Path dir = Files.createTempDirectory("devstack-scratch");
            Path scratch = dir.resolve(fileName);
            try {
                if (before != null) {
                    Files.write(scratch, before);
                }
                T result = edit.apply(scratch);
                byte[] after = Files.exists(scratch) ? Files.readAllBytes(scratch) : null;
                if (after != null && (before == null || !Arrays.equals(before, after))) {
                    whenChanged.accept(scratch, after);
                }
                return result;
            } finally {
                Files.deleteIfExists(scratch);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot edit a copy of " + fileName + ": " + e.getMessage(), e);
        }
    }
}
