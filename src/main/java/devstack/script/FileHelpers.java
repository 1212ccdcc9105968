package devstack.script;

import devstack.system.FileModes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalInt;

/** The file helpers of {@link PluginScript}: see there for what each does. */
final class FileHelpers extends HelperGroup {
    /** DevStack's first argument for "through sudo where needed", as the ini helpers take it. */
    static final String SUDO = "-sudo";

    FileHelpers(ScriptContext context, PluginRuntime runtime) {
        super(context, runtime);
    }

    public void write_file(String path, Object content) {
        write(false, path, content, null);
    }

    /** Also {@code write_file '-sudo', path, content}: a file is never named {@code -sudo}. */
    public void write_file(String path, Object content, String mode) {
        if (SUDO.equals(path)) {
            write(true, text("write_file", "the file", content), mode, null);
        } else {
            write(false, path, content, mode);
        }
    }

    public void write_file(String sudo, String path, Object content, String mode) {
        requireSudo("write_file", sudo, "write_file '-sudo', '/etc/foo/foo.conf', text, '0640'");
        write(true, path, content, mode);
    }

    public void append_file(String path, Object content) {
        append(false, path, content);
    }

    public void append_file(String sudo, String path, Object content) {
        requireSudo("append_file", sudo, "append_file '-sudo', '/etc/fstab', line + '\\n'");
        append(true, path, content);
    }

    public String mktemp() {
        return temp(false);
    }

    public String mktemp(String option) {
        if (!"-d".equals(option)) {
            throw new PluginAbort("mktemp: '" + option + "' is not an option here: mktemp() makes a file, "
                    + "mktemp('-d') a directory");
        }
        return temp(true);
    }

    private void write(boolean sudo, String path, Object content, String mode) {
        OptionalInt bits = OptionalInt.empty();
        if (mode != null) {
            int parsed = FileModes.parse(mode);
            if (parsed < 0) {
                throw new PluginAbort("write_file: mode '" + mode + "' is not an octal mode; write it like '755' or "
                        + "'0640'");
            }
            bits = OptionalInt.of(parsed);
        }
        machine().files().write(file("write_file", path), bytes("write_file", content), bits, sudo);
    }

    /**
     * The file as it is with the text added, written atomically (a reader never sees half of the addition, and the
     * file keeps its mode and owner), where {@code tee -a} would append in place.
     */
    private void append(boolean sudo, String path, Object content) {
        Path file = file("append_file", path);
        byte[] addition = bytes("append_file", content);
        byte[] before = machine().files().read(file, sudo).orElse(new byte[0]);
        byte[] after = Arrays.copyOf(before, before.length + addition.length);
        System.arraycopy(addition, 0, after, before.length, addition.length);
        machine().files().write(file, after, OptionalInt.empty(), sudo);
    }

    /** A new file (0600) or directory (0700) in {@code $TMPDIR}, or {@code /tmp}, as mktemp makes it. */
    private String temp(boolean directory) {
        String tmpdir = context.settings().get("TMPDIR");
        Path dir = Path.of(tmpdir.isEmpty() ? "/tmp" : tmpdir);
        if (!dir.isAbsolute()) {
            throw new PluginAbort("mktemp: TMPDIR=" + tmpdir + " is not an absolute path");
        }
        return machine().files().createTemp(dir, "tmp.", directory).toString();
    }

    private static void requireSudo(String helper, String first, String example) {
        if (!SUDO.equals(first)) {
            throw new PluginAbort(helper + ": the first of these arguments must be '-sudo', not '" + first
                    + "'; e.g. " + example);
        }
    }

    private static Path file(String helper, String path) {
        if (path == null || path.isBlank()) {
            throw new PluginAbort(helper + ": a file name is required");
        }
        return Path.of(path);
    }

    private static String text(String helper, String what, Object value) {
        if (value == null) {
            throw new PluginAbort(helper + ": " + what + " is null");
        }
        return value.toString();
    }

    private static byte[] bytes(String helper, Object content) {
        return text(helper, "the content", content).getBytes(StandardCharsets.UTF_8);
    }
}
