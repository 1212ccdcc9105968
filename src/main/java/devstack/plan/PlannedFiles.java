package devstack.plan;

import devstack.ini.IniException;
import devstack.system.Machine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * The machine's files as the plan leaves them: what the world has, with the plan's writes, directories and
 * removals laid over it. Later steps read what earlier steps planned, exactly as the real run would read what it
 * wrote. A directory that a planned clone fills is read from the world's copy of the clone ({@link #mount}).
 * Each phase's changes become one {@link Plan.FileChange} per file at the end of the phase.
 */
final class PlannedFiles implements Machine.Files {
    /** A mode a new file gets without one: what {@code tee} gives under the usual umask 022. */
    private static final int NEW_FILE_MODE = 0644;
    /** What mktemp gives a file: private to its owner. */
    private static final int TEMP_FILE_MODE = 0600;
    /** Marks a file that did not exist when the phase began. */
    private static final byte[] ABSENT = new byte[0];

    private final World world;
    private final Plan plan;
    private final Map<Path, byte[]> content = new HashMap<>();
    private final Map<Path, Integer> modes = new HashMap<>();
    private final Set<Path> directories = new LinkedHashSet<>();
    private final Set<Path> deleted = new LinkedHashSet<>();
    private final Map<Path, Path> mounts = new LinkedHashMap<>();
    /** The files this phase touched, with their content when the phase began (ABSENT: none). */
    private final Map<Path, byte[]> phaseStart = new LinkedHashMap<>();

    PlannedFiles(World world, Plan plan) {
        this.world = world;
        this.plan = plan;
    }

    /** From now on, what lies under {@code dir} is read from {@code copy} (a clone the plan makes). */
    synchronized void mount(Path dir, Path copy) {
        Path key = key(dir);
        mounts.put(key, copy.toAbsolutePath().normalize());
        deleted.removeIf(d -> d.startsWith(key) || key.startsWith(d));
        addDirectory(key);
    }

    @Override
    public synchronized boolean exists(Path path) {
        Path p = key(path);
        if (content.containsKey(p) || directories.contains(p)) {
            return true;
        }
        if (isDeleted(p)) {
            return false;
        }
        Optional<Path> mounted = mounted(p);
        return mounted.isPresent() ? Files.exists(mounted.get()) : world.exists(p);
    }

    @Override
    public synchronized boolean isDirectory(Path path) {
        Path p = key(path);
        if (directories.contains(p)) {
            return true;
        }
        if (content.containsKey(p) || isDeleted(p)) {
            return false;
        }
        Optional<Path> mounted = mounted(p);
        return mounted.isPresent() ? Files.isDirectory(mounted.get()) : world.isDirectory(p);
    }

    @Override
    public synchronized boolean isRegularFile(Path path) {
        Path p = key(path);
        if (content.containsKey(p)) {
            return true;
        }
        if (directories.contains(p) || isDeleted(p)) {
            return false;
        }
        Optional<Path> mounted = mounted(p);
        return mounted.isPresent() ? Files.isRegularFile(mounted.get()) : world.isRegularFile(p);
    }

    @Override
    public synchronized List<Path> list(Path dir) {
        Path d = key(dir);
        if (!isDirectory(d)) {
            return List.of();
        }
        Set<Path> entries = new TreeSet<>(Comparator.comparing(p -> p.getFileName().toString()));
        Optional<Path> mounted = mounted(d);
        if (mounted.isPresent()) {
            try (var listing = Files.list(mounted.get())) {
                listing.forEach(p -> entries.add(d.resolve(p.getFileName().toString())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else if (!isDeleted(d)) {
            world.list(d).forEach(p -> entries.add(key(p)));
        }
        content.keySet().stream().filter(p -> d.equals(p.getParent())).forEach(entries::add);
        directories.stream().filter(p -> d.equals(p.getParent())).forEach(entries::add);
        entries.removeIf(p -> isDeleted(p) && !content.containsKey(p) && !directories.contains(p));
        return new ArrayList<>(entries);
    }

    @Override
    public synchronized Optional<byte[]> read(Path file, boolean asRoot) {
        Path p = key(file);
        if (content.containsKey(p)) {
            return Optional.of(content.get(p).clone());
        }
        if (isDeleted(p) || directories.contains(p)) {
            return Optional.empty();
        }
        Optional<Path> mounted = mounted(p);
        if (mounted.isPresent()) {
            try {
                return Files.isRegularFile(mounted.get()) ? Optional.of(Files.readAllBytes(mounted.get()))
                        : Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return world.read(p, asRoot);
    }

    @Override
    public synchronized OptionalInt mode(Path file) {
        Path p = key(file);
        if (modes.containsKey(p)) {
            return OptionalInt.of(modes.get(p));
        }
        if (content.containsKey(p)) {
            OptionalInt before = isDeleted(p) ? OptionalInt.empty() : world.mode(p);
            return before.isPresent() ? before : OptionalInt.of(NEW_FILE_MODE);
        }
        return isDeleted(p) ? OptionalInt.empty() : world.mode(p);
    }

    @Override
    public boolean isOnNfs(Path path) {
        return world.isOnNfs(path);
    }

    @Override
    public synchronized void write(Path file, byte[] bytes, OptionalInt mode, boolean asRoot) {
        Path p = key(file);
        Path parent = p.getParent();
        if (parent != null && exists(parent) && !isDirectory(parent)) {
            throw new IniException("cannot write " + file + ": " + parent + " is not a directory");
        }
        if (parent != null && !exists(parent)) {
            // A command the plan does not look into (sh "mkdir -p ...") may have made it: take it as made.
            addDirectory(parent);
        }
        if (isDirectory(p)) {
            throw new IniException("cannot write " + file + ": it is a directory");
        }
        touch(p);
        OptionalInt before = mode(p);
        content.put(p, bytes.clone());
        modes.put(p, mode.isPresent() ? mode.getAsInt() : before.orElse(NEW_FILE_MODE));
    }

    @Override
    public synchronized void append(Path file, byte[] bytes, boolean asRoot) {
        byte[] before = read(file, asRoot).orElse(new byte[0]);
        byte[] after = Arrays.copyOf(before, before.length + bytes.length);
        System.arraycopy(bytes, 0, after, before.length, bytes.length);
        write(file, after, OptionalInt.empty(), asRoot);
    }

    @Override
    public synchronized void createDirectories(Path dir, String owner) {
        Path d = key(dir);
        if (isDirectory(d)) {
            return;
        }
        if (exists(d)) {
            throw new IniException("cannot create " + dir + ": a file of that name exists");
        }
        plan.add(Plan.Kind.CREATE_DIRECTORY, d.toString(), owner == null ? "" : owner);
        addDirectory(d);
    }

    @Override
    public synchronized void delete(Path path) {
        Path p = key(path);
        if (!exists(p)) {
            return;
        }
        plan.add(Plan.Kind.DELETE, p.toString(), isDirectory(p) ? "directory" : "file");
        for (Path file : new ArrayList<>(content.keySet())) {
            if (file.startsWith(p)) {
                touch(file);
                content.remove(file);
                modes.remove(file);
            }
        }
        directories.removeIf(d -> d.startsWith(p));
        mounts.keySet().removeIf(m -> m.startsWith(p));
        deleted.add(p);
    }

    /**
     * A temporary file or directory the plan makes: named {@code <prefix>planned<N>} with the first N that no path
     * has, so that a plan (and a golden file of the test kit) is the same every time; the real run picks a random
     * name instead.
     */
    @Override
    public synchronized Path createTemp(Path dir, String prefix, boolean directory) {
        Path d = key(dir);
        if (!isDirectory(d)) {
            throw new IniException("cannot make a temporary " + (directory ? "directory" : "file") + " in " + dir
                    + ": it is not a directory");
        }
        Path temp;
        for (int n = 1; exists(temp = d.resolve(prefix + "planned" + n)); n++) {
            // the next number
        }
        if (directory) {
            createDirectories(temp, null);
        } else {
            touch(temp);
            content.put(temp, new byte[0]);
            modes.put(temp, TEMP_FILE_MODE);
        }
        return temp;
    }

    /** The end of a phase: one change per file it touched, with the content before and after. */
    synchronized void endPhase(String phase) {
        for (Map.Entry<Path, byte[]> touched : phaseStart.entrySet()) {
            Path file = touched.getKey();
            byte[] before = touched.getValue() == ABSENT ? null : touched.getValue();
            byte[] after = content.get(file);
            if (!Arrays.equals(before, after)) {
                plan.add(new Plan.FileChange(phase, file, before, after,
                        after == null ? OptionalInt.empty() : OptionalInt.of(modes.getOrDefault(file, NEW_FILE_MODE))));
            }
        }
        phaseStart.clear();
    }

    private void touch(Path p) {
        if (!phaseStart.containsKey(p)) {
            phaseStart.put(p, read(p, false).orElse(ABSENT));
        }
    }

    private void addDirectory(Path d) {
        for (Path p = d; p != null && !isDirectoryBelowPlan(p); p = p.getParent()) {
            directories.add(p);
            deleted.remove(p);
        }
    }

    /** True when the world (or a mount) already has the directory and nothing planned removed it. */
    private boolean isDirectoryBelowPlan(Path p) {
        if (directories.contains(p)) {
            return true;
        }
        if (isDeleted(p)) {
            return false;
        }
        Optional<Path> mounted = mounted(p);
        return mounted.isPresent() ? Files.isDirectory(mounted.get()) : world.isDirectory(p);
    }

    private boolean isDeleted(Path p) {
        for (Path d : deleted) {
            if (p.startsWith(d) && !directories.contains(p) && !content.containsKey(p)) {
                return true;
            }
        }
        return false;
    }

    private Optional<Path> mounted(Path p) {
        for (Map.Entry<Path, Path> mount : mounts.entrySet()) {
            if (p.startsWith(mount.getKey())) {
                return Optional.of(mount.getValue().resolve(mount.getKey().relativize(p).toString()));
            }
        }
        return Optional.empty();
    }

    private static Path key(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
