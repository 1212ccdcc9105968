package devstack.scaffold;

import devstack.DevstackException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The files of a scaffold under one directory, written only if none of them exists: every file that is in the way
 * is named before anything is written. Each file appears whole (temporary file, then a link to its name, which
 * fails rather than replace a file that appeared meanwhile), with mode 0644; on a failure the files and
 * directories this run created are removed again.
 */
final class NewFiles {
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-r--r--");

    /** One file: its path relative to the root, and whether it is shared and kept when it exists. */
    record NewFile(String path, String content, boolean shared) {
    }

    private final Path root;
    private final List<NewFile> files = new ArrayList<>();
    private final Set<String> inTheWay = new LinkedHashSet<>();

    NewFiles(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** A file of the plugin; it must not exist. */
    NewFiles add(String path, String content) {
        files.add(new NewFile(path, content, false));
        return this;
    }

    /** A file several plugins share (a tree's test pom): written when missing, kept as it is otherwise. */
    NewFiles addShared(String path, String content) {
        files.add(new NewFile(path, content, true));
        return this;
    }

    /** Another existing file that stands in the way, e.g. a hook of the same name under another number. */
    NewFiles conflict(String path) {
        inTheWay.add(path);
        return this;
    }

    List<NewFile> files() {
        return List.copyOf(files);
    }

    /** Every path that is in the way, relative to the root: existing files, and files where a directory must be. */
    List<String> existing() {
        Set<String> found = new LinkedHashSet<>();
        for (NewFile file : files) {
            Path target = root.resolve(file.path());
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                if (!file.shared() || !Files.isRegularFile(target)) {
                    found.add(file.path());
                }
            }
            for (Path dir = target.getParent(); dir != null && !dir.equals(root.getParent()); dir = dir.getParent()) {
                if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir)) {
                    found.add(display(dir) + " (not a directory)");
                }
            }
        }
        found.addAll(inTheWay);
        return List.copyOf(found);
    }

    /**
     * Writes every file. Refuses (exit 2, naming them all) when any file is in the way; nothing is written then.
     */
    Scaffold.Written write() {
        List<String> created = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<String> existing = existing();
        if (!existing.isEmpty()) {
            throw new DevstackException(DevstackException.BAD_INPUT, "new-plugin: refusing to overwrite "
                    + (existing.size() == 1 ? "a file that exists" : existing.size() + " files that exist")
                    + " in " + root + ":\n    " + String.join("\n    ", existing),
                    "move them away or pick another name; nothing was written");
        }
        List<Path> made = new ArrayList<>();
        for (NewFile file : files) {
            Path target = root.resolve(file.path());
            if (file.shared() && Files.exists(target)) {
                kept.add(file.path());
                continue;
            }
            try {
                createDirectories(target.getParent(), made);
                writeNew(target, file.content());
            } catch (IOException e) {
                undo(made);
                String why = e instanceof FileAlreadyExistsException ? "it appeared while the scaffold was written"
                        : e.getClass().getSimpleName() + ": " + e.getMessage();
                throw new DevstackException(DevstackException.FAILED, "new-plugin: cannot write " + target + ": "
                        + why, "check that you may write there; the files this run had written are removed again", e);
            }
            made.add(target);
            created.add(file.path());
        }
        return new Scaffold.Written(List.copyOf(created), List.copyOf(kept));
    }

    /** Creates the missing directories down to {@code dir}, recording each one made. */
    private static void createDirectories(Path dir, List<Path> made) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path d = dir; d != null && !Files.isDirectory(d); d = d.getParent()) {
            missing.add(0, d);
        }
        for (Path d : missing) {
            Files.createDirectory(d);
            made.add(d);
        }
    }

    /** Writes {@code content} to a temporary file beside {@code target}, then links it to its name. */
    private static void writeNew(Path target, String content) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            Files.setPosixFilePermissions(temp, FILE_MODE);
            try {
                // link(2) fails when the name exists: a file that appeared since the check is never replaced.
                Files.createLink(target, temp);
            } catch (UnsupportedOperationException e) {
                Files.move(temp, target);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Removes what this run made, newest first; directories only when empty. */
    private static void undo(List<Path> made) {
        for (int i = made.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(made.get(i));
            } catch (IOException ignored) {
                // A directory someone else wrote into meanwhile stays.
            }
        }
    }

    private String display(Path path) {
        String relative = root.relativize(path).toString();
        return relative.isEmpty() ? root.toString() : relative;
    }
}
