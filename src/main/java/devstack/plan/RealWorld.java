package devstack.plan;

import devstack.console.Console;
import devstack.system.CommandResult;
import devstack.system.GitClone;
import devstack.system.Machine;
import devstack.system.OsRelease;
import devstack.system.Privilege;
import devstack.system.RealMachine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The dry run's world: every question is asked of the real machine, which is never changed. A clone the plan
 * makes is fetched into a scratch directory outside DEST, so that a plugin not cloned yet can still be read and
 * run; the scratch directories are removed when the run ends.
 */
public final class RealWorld implements World {
    private final RealMachine machine;
    private final Console console;
    private final List<Path> scratch = new ArrayList<>();

    public RealWorld(RealMachine machine, Console console) {
        this.machine = machine;
        this.console = console;
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
    public boolean exists(Path path) {
        return machine.files().exists(path);
    }

    @Override
    public boolean isDirectory(Path path) {
        return machine.files().isDirectory(path);
    }

    @Override
    public boolean isRegularFile(Path path) {
        return machine.files().isRegularFile(path);
    }

    @Override
    public List<Path> list(Path dir) {
        return machine.files().list(dir);
    }

    @Override
    public Optional<byte[]> read(Path file, boolean asRoot) {
        return machine.files().read(file, asRoot);
    }

    @Override
    public OptionalInt mode(Path file) {
        return machine.files().mode(file);
    }

    @Override
    public boolean isOnNfs(Path path) {
        return machine.files().isOnNfs(path);
    }

    @Override
    public Set<String> installed(Collection<String> names) {
        return machine.packages().installed(names);
    }

    @Override
    public CommandResult query(List<String> argv, Map<String, String> environment) {
        return machine.commands().query(argv, environment);
    }

    @Override
    public byte[] readBytes(List<String> argv) {
        return machine.commands().readBytes(argv);
    }

    /** A command the dry run does not run "succeeds" without output. */
    @Override
    public CommandResult answer(List<String> argv) {
        return CommandResult.success("");
    }

    @Override
    public Map<String, Boolean> services(Path serviceDir) {
        return machine.processes().recorded(serviceDir);
    }

    @Override
    public boolean isRunning(String name) {
        return machine.processes().isRunning(name);
    }

    @Override
    public boolean answers(URI url) {
        // One try: no longer than the pause between two tries of wait_for_service.
        return machine.network().waitForAnswer(url, Duration.ofSeconds(1), status -> { });
    }

    @Override
    public Path checkout(Machine.GitRequest request) {
        try {
            Path dir = Files.createTempDirectory("devstack-dry-run-clone");
            scratch.add(dir);
            Path copy = dir.resolve(request.dest().getFileName().toString());
            Machine.GitOptions fetchOnly = new Machine.GitOptions(false, false, false, request.options().depth(),
                    request.options().timeout(), dir);
            console.detail(request.who() + ": fetching a copy of " + request.remote() + " at " + request.ref()
                    + " to read it; " + request.dest() + " is not changed");
            new GitClone(machine.commands(), machine.files(), console).clone(request.who(), request.remote(), copy,
                    request.ref(), fetchOnly);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a scratch directory for a dry-run clone: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        for (Path dir : scratch) {
            machine.files().delete(dir);
        }
        scratch.clear();
    }
}
