package devstack.system;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the runs in one DEST created on the machine: every directory a run made (the highest one it had to make)
 * and every file it wrote that did not exist, kept in {@code $DEST/.devstack-created}, one absolute path a line.
 * {@code clean} removes only what is here (or lies under what is here) and never a path a setting merely names.
 * Like the run's lock and log, it is the run's own bookkeeping: a dry run keeps it in memory.
 */
public final class CreatedRecord {
    public static final String FILE_NAME = ".devstack-created";

    /** Where the lines are kept. */
    public interface Store {
        List<String> read();

        void append(String line);

        void write(List<String> lines);
    }

    private final Store store;

    public CreatedRecord(Store store) {
        this.store = store;
    }

    /** The paths recorded so far. */
    public Set<Path> paths() {
        Set<Path> paths = new LinkedHashSet<>();
        store.read().stream().filter(line -> line.startsWith("/")).forEach(line -> paths.add(Path.of(line)
                .normalize()));
        return paths;
    }

    /** True when a run created {@code path} or a directory above it. */
    public boolean covers(Path path) {
        Path p = path.toAbsolutePath().normalize();
        return paths().stream().anyMatch(p::startsWith);
    }

    /** Records that a run created {@code path} (nothing when a recorded directory already covers it). */
    public void add(Path path) {
        Path p = path.toAbsolutePath().normalize();
        if (!covers(p)) {
            store.append(p.toString());
        }
    }

    /** Drops {@code removed} and everything under it. */
    public void forget(Path removed) {
        Path gone = removed.toAbsolutePath().normalize();
        List<String> kept = new ArrayList<>();
        paths().stream().filter(p -> !p.startsWith(gone)).forEach(p -> kept.add(p.toString()));
        store.write(kept);
    }
}
