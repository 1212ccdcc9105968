package devstack.system;

import devstack.DevstackException;
import devstack.ini.AtomicFile;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The real machine's files. A write is atomic and keeps the file's mode, owner and group ({@link AtomicFile});
 * with {@code asRoot} (DevStack's {@code -sudo}) and a file the run may not write, the new content is staged in a
 * private copy and put in place through sudo as a rename, so the file is never half written either.
 */
final class RealFiles implements Machine.Files {
    private final Machine.Commands commands;
    private final Privilege privilege;
    private final Predicate<Path> needsRoot;

    RealFiles(Machine.Commands commands, Privilege privilege) {
        this.commands = commands;
        this.privilege = privilege;
        this.needsRoot = this::needsRoot;
    }

    /** With another test of which files need sudo (a spec run as root cannot make a file it may not write). */
    RealFiles(Machine.Commands commands, Privilege privilege, Predicate<Path> needsRoot) {
        this.commands = commands;
        this.privilege = privilege;
        this.needsRoot = needsRoot;
    }

    @Override
    public boolean exists(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public boolean isDirectory(Path path) {
        return Files.isDirectory(path);
    }

    @Override
    public boolean isRegularFile(Path path) {
        return Files.isRegularFile(path);
    }

    @Override
    public List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new DevstackException(DevstackException.FAILED, "cannot list " + dir + ": " + e.getMessage(),
                    "check its permissions");
        }
    }

    @Override
    public Optional<byte[]> read(Path file, boolean asRoot) {
        if (asRoot && needsRoot.test(file)) {
            boolean exists = commands.query(privilege.asRoot(List.of("test", "-e", file.toString()))).succeeded();
            return exists ? Optional.of(commands.readBytes(privilege.asRoot(List.of("cat", "--", file.toString()))))
                    : Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new DevstackException(DevstackException.FAILED, "cannot read " + file + ": "
                    + e.getClass().getSimpleName() + ": " + e.getMessage(), "check that it is a readable file");
        }
    }

    @Override
    public OptionalInt mode(Path file) {
        try {
            return OptionalInt.of((Integer) Files.getAttribute(file, "unix:mode") & 07777);
        } catch (NoSuchFileException e) {
            return OptionalInt.empty();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return OptionalInt.empty();
        }
    }

    @Override
    public boolean isOnNfs(Path path) {
        try {
            return Files.exists(path) && Files.getFileStore(path).type().startsWith("nfs");
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    @Override
    public void write(Path file, byte[] content, OptionalInt mode, boolean asRoot) {
        if (asRoot && needsRoot.test(file)) {
            writeThroughSudo(file, content, mode);
        } else {
            AtomicFile.write(file, content, mode.isPresent() ? mode.getAsInt() : null);
        }
    }

    @Override
    public void append(Path file, byte[] content, boolean asRoot) {
        if (asRoot && needsRoot.test(file)) {
            Path staged = stage(content);
            try {
                commands.checked(privilege.asRoot(List.of("/bin/sh", "-c", "cat -- \"$1\" >> \"$2\"", "append",
                        staged.toString(), file.toString())));
            } finally {
                deleteQuietly(staged);
            }
            return;
        }
        try {
            Files.write(file, content, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new DevstackException(DevstackException.FAILED, "cannot append to " + file + ": "
                    + e.getClass().getSimpleName() + ": " + e.getMessage(),
                    "check that its directory exists and is writable");
        }
    }

    @Override
    public void createDirectories(Path dir, String owner) {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir);
        } catch (AccessDeniedException e) {
            commands.checked(privilege.asRoot(List.of("mkdir", "-p", "--", dir.toString())));
            if (owner != null && !owner.isEmpty()) {
                commands.checked(privilege.asRoot(List.of("chown", "--", owner, dir.toString())));
            }
        } catch (IOException e) {
            throw new DevstackException(DevstackException.FAILED, "cannot create " + dir + ": "
                    + e.getClass().getSimpleName() + ": " + e.getMessage(),
                    "check the path and its parent's permissions");
        }
    }

    @Override
    public void delete(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(path)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (AccessDeniedException e) {
            commands.checked(privilege.asRoot(List.of("rm", "-rf", "--", path.toString())));
        } catch (IOException e) {
            throw new DevstackException(DevstackException.FAILED, "cannot remove " + path + ": " + e.getMessage(),
                    "remove it by hand, then run again");
        }
    }

    @Override
    public Path createTemp(Path dir, String prefix, boolean directory) {
        try {
            // Java's temporary files are made with O_EXCL and a random name, and private from the start.
            return directory
                    ? Files.createTempDirectory(dir, prefix, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")))
                    : Files.createTempFile(dir, prefix, "", PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            throw new DevstackException(DevstackException.FAILED, "cannot make a temporary "
                    + (directory ? "directory" : "file") + " in " + dir + ": " + e.getClass().getSimpleName() + ": "
                    + e.getMessage(), "check that " + dir + " exists and is writable, or set TMPDIR to a directory "
                    + "that is");
        }
    }

    /** True when {@code -sudo} must go through sudo: not root, and the file (or its directory) is not ours. */
    private boolean needsRoot(Path file) {
        if (privilege.isRoot()) {
            return false;
        }
        Path target = Files.exists(file) ? file : file.toAbsolutePath().getParent();
        return target != null && (!Files.isWritable(target) || Files.exists(file) && !Files.isReadable(file));
    }

    /** Stages the content privately, then copies, takes the old file's mode and owner, and renames, all as root. */
    private void writeThroughSudo(Path file, byte[] content, OptionalInt mode) {
        boolean exists = commands.query(privilege.asRoot(List.of("test", "-e", file.toString()))).succeeded();
        Path copy = stage(content);
        String staged = file + ".devstack-new";
        try {
            commands.checked(privilege.asRoot(List.of("cp", "--", copy.toString(), staged)));
            if (exists) {
                // Owner first: chown clears setuid and setgid, which the mode then puts back.
                commands.checked(privilege.asRoot(List.of("chown", "--reference=" + file, "--", staged)));
                commands.checked(privilege.asRoot(List.of("chmod", "--reference=" + file, "--", staged)));
            } else {
                commands.checked(privilege.asRoot(List.of("chmod", "0644", "--", staged)));
            }
            if (mode.isPresent()) {
                commands.checked(privilege.asRoot(List.of("chmod", FileModes.octal(mode.getAsInt()), "--", staged)));
            }
            commands.checked(privilege.asRoot(List.of("mv", "-f", "--", staged, file.toString())));
        } finally {
            deleteQuietly(copy);
        }
    }

    private static Path stage(byte[] content) {
        try {
            Path copy = Files.createTempFile("devstack-staged", ".tmp");
            Files.write(copy, content);
            return copy;
        } catch (IOException e) {
            throw new DevstackException(DevstackException.FAILED, "cannot stage a file for sudo: " + e.getMessage(),
                    "check the free space of the temporary directory");
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A private temporary copy left behind holds nothing the target does not.
        }
    }
}
