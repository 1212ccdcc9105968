package devstack.lifecycle;

import devstack.DevstackException;
import devstack.config.Settings;
import devstack.console.Console;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The directories a run keeps its state in ({@code DEST}, {@code DATA_DIR}, {@code SERVICE_DIR},
 * {@code LOGDIR}), created by {@code stack} and removed by {@code clean}, through sudo where the user cannot.
 */
final class MachineState {
    private static final List<String> STATE_DIRS = List.of("DATA_DIR", "SERVICE_DIR", "LOGDIR");

    private final Settings settings;
    private final CreatedPaths machine;
    private final Console console;

    MachineState(Settings settings, CreatedPaths machine, Console console) {
        this.settings = settings;
        this.machine = machine;
        this.console = console;
    }

    /** Creates DEST and the state directories, owned by STACK_USER when created through sudo. */
    void create() {
        List<String> names = new ArrayList<>(List.of("DEST"));
        names.addAll(STATE_DIRS);
        for (String name : names) {
            createDirectory(name, settings.path(name));
        }
    }

    /** Creates the directory of the file a setting names (the core's part of configuring nova). */
    void createParentOf(String name) {
        Path parent = settings.path(name).toAbsolutePath().getParent();
        if (parent != null) {
            createDirectory(name, parent);
        }
    }

    /**
     * Creates a directory the run needs; where the user may not, through sudo and owned by STACK_USER, as DevStack
     * does for /etc/nova, so that plain edits work afterwards.
     */
    void createDirectory(String purpose, Path dir) {
        try {
            machine.files().createDirectories(dir, settings.get("STACK_USER"));
        } catch (DevstackException e) {
            throw new DevstackException(DevstackException.FAILED, "cannot create " + purpose + " (" + dir + "): "
                    + e.getMessage(), "check the path and its parent's permissions, or set " + purpose
                    + " elsewhere", e);
        }
    }

    /**
     * Removes the state directories and the files the core generated (NOVA_CONF, and its directory if empty), as
     * far as the host created them: a path a setting names that the host did not create is left, with a warning.
     * Each is tried, whatever happens to the others; the first failure is thrown at the end.
     */
    void remove() {
        List<RuntimeException> failures = new ArrayList<>();
        for (String name : STATE_DIRS) {
            tryDelete(name, settings.path(name), failures);
        }
        Path novaConf = settings.path("NOVA_CONF");
        tryDelete("NOVA_CONF", novaConf, failures);
        Path novaDir = novaConf.toAbsolutePath().getParent();
        if (novaDir != null && machine.files().isDirectory(novaDir) && machine.files().list(novaDir).isEmpty()) {
            tryDelete("NOVA_CONF's directory", novaDir, failures);
        }
        if (!failures.isEmpty()) {
            failures.subList(1, failures.size()).forEach(e -> console.error(e.getMessage()));
            throw failures.get(0);
        }
    }

    private void tryDelete(String name, Path path, List<RuntimeException> failures) {
        try {
            delete(name, path);
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    private void delete(String name, Path path) {
        if (!machine.files().exists(path)) {
            return;
        }
        refuseDangerous(name, path);
        if (!machine.createdByHost(path)) {
            console.warn("clean: " + name + " (" + path + ") was not created by devstack; it is left as it is");
            return;
        }
        machine.files().delete(path);
        machine.forget(path);
    }

    /** Never removes the root, a top-level directory, or the tree itself: a typo in a setting must not hurt. */
    private void refuseDangerous(String name, Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path topDir = settings.topDir().toAbsolutePath().normalize();
        if (absolute.getNameCount() < 2 || topDir.startsWith(absolute)) {
            throw new DevstackException(DevstackException.BAD_INPUT, "refusing to remove " + name + "=" + path,
                    "point " + name + " at a directory of its own, e.g. /opt/stack/data");
        }
    }
}
