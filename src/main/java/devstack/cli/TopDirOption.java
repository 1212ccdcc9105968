package devstack.cli;

import devstack.DevstackException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --top-dir}: the tree that holds extras.d, nova_plugins, lib, files and local.conf. */
final class TopDirOption {
    /** The launcher passes the wrappers' directory as a system property, so that arguments stay the user's own. */
    static final String PROPERTY = "devstack.top.dir";

    @Option(names = "--top-dir", paramLabel = "DIR", defaultValue = "${sys:" + PROPERTY + ":-.}",
            description = "The tree holding extras.d/, nova_plugins/ and local.conf (default: ${DEFAULT-VALUE}).")
    private Path topDir;

    /** The tree as an absolute path; an error naming it when it is not a directory. */
    Path resolve() {
        Path absolute = topDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new DevstackException(DevstackException.BAD_INPUT, "--top-dir " + topDir + ": no such directory",
                    "point --top-dir at the tree that holds extras.d/ and local.conf");
        }
        return absolute;
    }
}
