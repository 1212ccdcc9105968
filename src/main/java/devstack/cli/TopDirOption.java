package devstack.cli;

import devstack.DevstackException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --top-dir}: the tree that holds extras.d, nova_plugins, lib, files and local.conf. */
final class TopDirOption {
    @Option(names = "--top-dir", paramLabel = "DIR", defaultValue = ".",
            description = "The tree holding extras.d/, nova_plugins/ and local.conf (default: the current directory).")
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
