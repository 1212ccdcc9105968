package devstack.lifecycle;

import devstack.DevstackException;
import devstack.config.Settings;
import devstack.system.CommandRunner;
import devstack.system.DryRun;
import devstack.system.Privilege;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The directories a run keeps its state in ({@code DEST}, {@code DATA_DIR}, {@code SERVICE_DIR},
 * {@code LOGDIR}), created by {@code stack} and removed by {@code clean}, through sudo where the user cannot.
 */
final class MachineState {
    private static final List<String> STATE_DIRS = List.of("DATA_DIR", "SERVICE_DIR", "LOGDIR");

    private final Settings settings;
    private final CommandRunner commands;
    private final Privilege privilege;
    /** Non-null in a dry run: changes are printed, not made. */
    private final DryRun dryRun;

    MachineState(Settings settings, CommandRunner commands, Privilege privilege, DryRun dryRun) {
        this.settings = settings;
        this.commands = commands;
        this.privilege = privilege;
        this.dryRun = dryRun;
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
        if (Files.isDirectory(dir)) {
            return;
        }
        if (dryRun != null) {
            dryRun.wouldCreateDirectory(dir);
            return;
        }
        try {
            Files.createDirectories(dir);
        } catch (AccessDeniedException e) {
            commands.checked(privilege.asRoot(List.of("mkdir", "-p", dir.toString())));
            commands.checked(privilege.asRoot(List.of("chown", settings.get("STACK_USER"), dir.toString())));
        } catch (IOException e) {
            throw cannotCreate(purpose, dir, e);
        }
    }

    /** Removes the state directories and the files the core generated (NOVA_CONF, and its directory if empty). */
    void remove() {
        for (String name : STATE_DIRS) {
            delete(name, settings.path(name));
        }
        Path novaConf = settings.path("NOVA_CONF");
        delete("NOVA_CONF", novaConf);
        Path novaDir = novaConf.toAbsolutePath().getParent();
        if (novaDir != null && isEmptyDirectory(novaDir)) {
            delete("NOVA_CONF_DIR", novaDir);
        }
    }

    private void delete(String name, Path path) {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        refuseDangerous(name, path);
        if (dryRun != null) {
            dryRun.wouldRemove(path);
            return;
        }
        try (Stream<Path> tree = Files.walk(path)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (AccessDeniedException e) {
            commands.checked(privilege.asRoot(List.of("rm", "-rf", "--", path.toString())));
        } catch (IOException e) {
            throw new DevstackException(DevstackException.FAILED, "cannot remove " + name + " (" + path + "): "
                    + e.getMessage(), "remove it by hand, then run clean again");
        }
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

    private static DevstackException cannotCreate(String name, Path dir, IOException e) {
        return new DevstackException(DevstackException.FAILED, "cannot create " + name + " (" + dir + "): "
                + e.getMessage(), "check the path and its parent's permissions, or set " + name + " elsewhere");
    }

    private static boolean isEmptyDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
