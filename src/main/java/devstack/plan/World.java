package devstack.plan;

import devstack.system.CommandResult;
import devstack.system.Machine;
import devstack.system.OsRelease;
import devstack.system.Privilege;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What a machine that only plans knows about the machine before the run: the answers to every question a run
 * asks. The dry run's world is the real machine, asked; the test kit's is a scripted state.
 */
public interface World extends AutoCloseable {
    OsRelease os();

    Privilege privilege();

    // ---- files -------------------------------------------------------------------------------------------

    boolean exists(Path path);

    boolean isDirectory(Path path);

    boolean isRegularFile(Path path);

    List<Path> list(Path dir);

    Optional<byte[]> read(Path file, boolean asRoot);

    OptionalInt mode(Path file);

    boolean isOnNfs(Path path);

    // ---- packages, commands, processes ---------------------------------------------------------------------

    /** The subset of {@code names} that is installed. */
    Set<String> installed(Collection<String> names);

    /** A read-only command's answer. */
    CommandResult query(List<String> argv, Map<String, String> environment);

    byte[] readBytes(List<String> argv);

    /** What a command that changes the machine answers in the plan (it is not run). */
    CommandResult answer(List<String> argv);

    /** The services SERVICE_DIR records, with whether each one's process is running. */
    Map<String, Boolean> services(Path serviceDir);

    boolean isRunning(String name);

    // ---- network and git -----------------------------------------------------------------------------------

    /** Whether {@code url} answers now (one try, no waiting). */
    boolean answers(URI url);

    /**
     * Where the files of a clone the plan makes can be read: a copy fetched outside DEST (the dry run), or the
     * checkout a test gave for the remote; {@code request.dest()} when there is none.
     */
    Path checkout(Machine.GitRequest request);

    /** Removes what the world fetched for the plan (scratch clones). */
    @Override
    default void close() {
    }
}
