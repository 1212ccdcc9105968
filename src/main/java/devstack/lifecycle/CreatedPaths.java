package devstack.lifecycle;

import devstack.console.RunLog;
import devstack.system.CreatedRecord;
import devstack.system.Machine;
import devstack.system.OsRelease;
import devstack.system.PackageManager;
import devstack.system.Privilege;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The run's machine, recording what the host creates on it in the machine's {@link CreatedRecord} of DEST, so that
 * {@code clean} removes only that and never a path a setting merely names ({@code LOGDIR=/etc}). Every directory a
 * run creates and every file it writes that did not exist is added the moment it is made, so a run that fails or
 * is killed half-way leaves a record clean can use. Whatever writes through the machine (the core, the helpers, the
 * local.conf merges) is recorded, on the real machine, in a dry run and in the test kit alike.
 */
final class CreatedPaths implements Machine {
    private final Machine machine;
    private final Path dest;
    private final Files files;

    CreatedPaths(Machine machine, Path dest) {
        this.machine = machine;
        this.dest = dest.toAbsolutePath().normalize();
        this.files = new Recording(machine.files());
    }

    /** True when the host created {@code path} or a directory above it. */
    boolean createdByHost(Path path) {
        return machine.created(dest).covers(path);
    }

    /** Drops {@code removed} and everything under it from the record. */
    void forget(Path removed) {
        machine.created(dest).forget(removed);
    }

    private void add(Path created) {
        machine.created(dest).add(created);
    }

    /** The machine's files, recording what they create. */
    private final class Recording implements Files {
        private final Files files;

        Recording(Files files) {
            this.files = files;
        }

        @Override
        public boolean exists(Path path) {
            return files.exists(path);
        }

        @Override
        public boolean isDirectory(Path path) {
            return files.isDirectory(path);
        }

        @Override
        public boolean isRegularFile(Path path) {
            return files.isRegularFile(path);
        }

        @Override
        public List<Path> list(Path dir) {
            return files.list(dir);
        }

        @Override
        public Optional<byte[]> read(Path file, boolean asRoot) {
            return files.read(file, asRoot);
        }

        @Override
        public OptionalInt mode(Path file) {
            return files.mode(file);
        }

        @Override
        public boolean isOnNfs(Path path) {
            return files.isOnNfs(path);
        }

        @Override
        public void write(Path file, byte[] content, OptionalInt mode, boolean asRoot) {
            boolean isNew = !files.exists(file);
            files.write(file, content, mode, asRoot);
            if (isNew) {
                add(file);
            }
        }

        @Override
        public void append(Path file, byte[] content, boolean asRoot) {
            boolean isNew = !files.exists(file);
            files.append(file, content, asRoot);
            if (isNew) {
                add(file);
            }
        }

        @Override
        public void createDirectories(Path dir, String owner) {
            // The highest directory that is missing is the one to record: removing it removes what is below.
            Path highest = null;
            for (Path p = dir.toAbsolutePath().normalize(); p != null && !files.exists(p); p = p.getParent()) {
                highest = p;
            }
            files.createDirectories(dir, owner);
            if (highest != null) {
                add(highest);
            }
        }

        @Override
        public void delete(Path path) {
            files.delete(path);
        }

        @Override
        public Path createTemp(Path dir, String prefix, boolean directory) {
            Path temp = files.createTemp(dir, prefix, directory);
            add(temp);
            return temp;
        }
    }

    @Override
    public Files files() {
        return files;
    }

    @Override
    public OsRelease os() {
        return machine.os();
    }

    @Override
    public Privilege privilege() {
        return machine.privilege();
    }

    @Override
    public Commands commands() {
        return machine.commands();
    }

    @Override
    public PackageManager packages() {
        return machine.packages();
    }

    @Override
    public Processes processes() {
        return machine.processes();
    }

    @Override
    public Git git() {
        return machine.git();
    }

    @Override
    public Network network() {
        return machine.network();
    }

    @Override
    public Accounts accounts() {
        return machine.accounts();
    }

    @Override
    public AutoCloseable lock(Path lockedDest, Path serviceDir) {
        return machine.lock(lockedDest, serviceDir);
    }

    @Override
    public Optional<RunLog> openLog(Path logfile, String suffix, int days, Clock clock) {
        return machine.openLog(logfile, suffix, days, clock);
    }

    @Override
    public CreatedRecord created(Path recordDest) {
        return machine.created(recordDest);
    }

    @Override
    public void appendErrorLog(Path logDir, String line) {
        machine.appendErrorLog(logDir, line);
    }

    @Override
    public void enterPhase(String phase) {
        machine.enterPhase(phase);
    }

    @Override
    public void finish() {
        machine.finish();
    }

    @Override
    public void close() {
        machine.close();
    }
}
