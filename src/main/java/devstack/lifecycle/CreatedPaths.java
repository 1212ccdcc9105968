package devstack.lifecycle;

import devstack.system.ForwardingMachine;
import devstack.system.Machine;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * The run's machine, recording what the host creates on it in the machine's {@link devstack.system.CreatedRecord}
 * of DEST, so that {@code clean} removes only that and never a path a setting merely names ({@code LOGDIR=/etc}).
 * Every directory a run creates and every file it writes that did not exist is added the moment it is made, so a
 * run that fails or is killed half-way leaves a record clean can use. Whatever writes through the machine (the core,
 * the helpers, the local.conf merges) is recorded, on the real machine, in a dry run and in the test kit alike.
 */
final class CreatedPaths extends ForwardingMachine {
    private final Path dest;
    private final Files files;

    CreatedPaths(Machine machine, Path dest) {
        super(machine);
        this.dest = dest.toAbsolutePath().normalize();
        this.files = new Recording(machine.files());
    }

    /** True when the host created {@code path} or a directory above it. */
    boolean createdByHost(Path path) {
        return machine().created(dest).covers(path);
    }

    /** Drops {@code removed} and everything under it from the record. */
    void forget(Path removed) {
        machine().created(dest).forget(removed);
    }

    @Override
    public Files files() {
        return files;
    }

    private void add(Path created) {
        machine().created(dest).add(created);
    }

    /** The machine's files, recording what they create. */
    private final class Recording extends ForwardingFiles {
        private final Files files;

        Recording(Files files) {
            super(files);
            this.files = files;
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
        public Path createTemp(Path dir, String prefix, boolean directory) {
            Path temp = files.createTemp(dir, prefix, directory);
            add(temp);
            return temp;
        }
    }
}
