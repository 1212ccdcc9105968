package devstack.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the user's configuration files ({@code local.conf}, a standalone {@code localrc}). A name that exists but is
 * not a readable regular file is an error (exit 2), never taken for a missing file: the run would otherwise fall
 * back to the defaults ({@code DEST=/opt/stack}) without a word.
 */
final class ConfigFile {
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private ConfigFile() {
    }

    /** Whether anything is there under that name, a dangling symlink included. */
    static boolean present(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    /** The file's lines, as UTF-8, without a byte-order mark that an editor may have put before the first. */
    static List<String> readLines(Path path, String what) {
        String hint = what + " must be a readable file: fix or remove " + path;
        if (Files.isSymbolicLink(path) && !Files.exists(path)) {
            throw new ConfigurationException(path + " is a dangling symlink (to " + target(path) + ")", hint);
        }
        if (Files.isDirectory(path)) {
            throw new ConfigurationException(path + " is a directory, not a file", hint);
        }
        if (!Files.isRegularFile(path)) {
            throw new ConfigurationException(path + " is not a regular file", hint);
        }
        List<String> lines;
        try {
            lines = new ArrayList<>(Files.readAllLines(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigurationException("cannot read " + path + ": " + e, hint);
        }
        if (!lines.isEmpty() && !lines.get(0).isEmpty() && lines.get(0).charAt(0) == BYTE_ORDER_MARK) {
            lines.set(0, lines.get(0).substring(1));
        }
        return lines;
    }

    private static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "?";
        }
    }
}
