package devstack.plugin;

import java.nio.file.Path;

/**
 * One plugin file.
 *
 * @param displayName how messages name it: its path relative to TOP_DIR, e.g. {@code extras.d/50-template.groovy}
 */
public record PluginSource(PluginKind kind, Path path, String displayName) {
    /** The file name without {@code .groovy}. */
    public String baseName() {
        String name = path.getFileName().toString();
        return name.endsWith(".groovy") ? name.substring(0, name.length() - ".groovy".length()) : name;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
