package devstack.plugin;

/** A place in a plugin file, printed as {@code extras.d/50-foo.groovy:12}. */
public record Location(String file, int line) {
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
