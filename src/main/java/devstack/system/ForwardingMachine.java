package devstack.system;

import devstack.console.RunLog;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** A machine that passes everything to another; a decorator overrides what it adds to. */
public abstract class ForwardingMachine implements Machine {
    private final Machine machine;

    protected ForwardingMachine(Machine machine) {
        this.machine = machine;
    }

    /** The machine everything goes to. */
    protected final Machine machine() {
        return machine;
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
    public Files files() {
        return machine.files();
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
    public AutoCloseable lock(Path dest, Path serviceDir) {
        return machine.lock(dest, serviceDir);
    }

    @Override
    public Optional<RunLog> openLog(Path logfile, String suffix, int days, Clock clock) {
        return machine.openLog(logfile, suffix, days, clock);
    }

    @Override
    public CreatedRecord created(Path dest) {
        return machine.created(dest);
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

    /** Files that pass everything to other files; a decorator overrides what it adds to. */
    public abstract static class ForwardingFiles implements Files {
        private final Files files;

        protected ForwardingFiles(Files files) {
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
            files.write(file, content, mode, asRoot);
        }

        @Override
        public void append(Path file, byte[] content, boolean asRoot) {
            files.append(file, content, asRoot);
        }

        @Override
        public void createDirectories(Path dir, String owner) {
            files.createDirectories(dir, owner);
        }

        @Override
        public Path createTemp(Path dir, String prefix, boolean directory) {
            return files.createTemp(dir, prefix, directory);
        }

        @Override
        public void delete(Path path) {
            files.delete(path);
        }
    }
}
