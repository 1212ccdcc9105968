package devstack.script;

import devstack.system.CommandFailedException;
import devstack.system.CommandResult;
import devstack.system.SystemServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The loop-mounted disks of {@link PluginScript} ({@code create_disk}, {@code destroy_disk}), as DevStack's
 * {@code functions} makes them for swift and ceph: an image file formatted with XFS, mounted through a line in
 * {@code /etc/fstab} that names the image in a {@code comment=} option, so that the mount survives a reboot and
 * {@code destroy_disk} finds its line again. Every step goes through the machine: the commands run as root, and
 * {@code /etc/fstab} is edited as a file (a dry run shows its diff).
 */
final class DiskHelpers extends HelperGroup {
    static final Path FSTAB = Path.of("/etc/fstab");
    static final Path MOUNTS = Path.of("/proc/mounts");

    /** truncate's sizes without its relative forms: a number and an optional unit (1G, 512M, 10GiB, 1000KB). */
    private static final Pattern SIZE = Pattern.compile("[0-9]+([KMGTPE](iB|B)?)?");
    /** What an fstab field cannot hold: blanks end it, and a comma would split the comment= option. */
    private static final Pattern NOT_IN_FSTAB = Pattern.compile("[\\s,]");

    DiskHelpers(ScriptContext context, PluginRuntime runtime) {
        super(context, runtime);
    }

    public void create_disk(String image, String dir, Object size) {
        Path disk = path("create_disk", "the disk image", image);
        Path mountPoint = path("create_disk", "the mount point", dir);
        String bytes = size == null ? "" : size.toString().trim();
        if (!SIZE.matcher(bytes).matches() || bytes.matches("0+\\D*")) {
            throw new PluginAbort("create_disk: '" + size + "' is not a size; give a number with an optional unit, "
                    + "as truncate takes it: '1G', '512M', '10GiB'");
        }
        // A disk left mounted by an earlier run is made anew, as DevStack's is.
        if (machine().files().exists(disk) && mounted(mountPoint)) {
            asRoot("umount", mountPoint.toString());
            machine().files().delete(disk);
        }
        machine().files().createDirectories(mountPoint, null);
        machine().files().createDirectories(disk.getParent(), null);
        asRoot("truncate", "-s", bytes, disk.toString());
        // Bigger inodes keep swift's and ceph's extended attributes in the inode itself, as DevStack formats it.
        CommandResult mkfs = machine().commands().run(machine().privilege().asRoot(
                List.of("mkfs.xfs", "-f", "-i", "size=1024", disk.toString())), Map.of());
        if (!mkfs.succeeded()) {
            if (mkfs.exitCode() == 127 || mkfs.lastLines().stream().anyMatch(l -> l.contains("not found"))) {
                throw new PluginAbort("create_disk: mkfs.xfs is not installed; install xfsprogs first "
                        + "(install_package 'xfsprogs', or list it in files/debs/<service>)");
            }
            throw new CommandFailedException("mkfs.xfs -f -i size=1024 " + disk, mkfs.exitCode(), mkfs.lastLines());
        }
        List<String> fstab = fstabWithout(disk);
        fstab.add(disk + " " + mountPoint + " xfs loop,noatime,nodiratime,logbufs=8,comment=" + disk + " 0 0");
        writeFstab(fstab);
        // systemd makes mount units from /etc/fstab: it must read the new line before mount uses it.
        if (new SystemServices(machine()).systemdRuns()) {
            asRoot("systemctl", "daemon-reload");
        }
        asRoot("mount", "-v", mountPoint.toString());
    }

    public void destroy_disk(String image, String dir) {
        Path disk = path("destroy_disk", "the disk image", image);
        Path mountPoint = path("destroy_disk", "the mount point", dir);
        if (mounted(mountPoint)) {
            asRoot("umount", mountPoint.toString());
        }
        List<String> fstab = fstabWithout(disk);
        if (fstab.size() != fstabLines().size()) {
            writeFstab(fstab);
        }
        machine().files().delete(disk);
    }

    /** Whether something is mounted on {@code dir} now: an exact mount point of {@code /proc/mounts}. */
    private boolean mounted(Path dir) {
        String wanted = dir.toAbsolutePath().normalize().toString();
        for (String line : lines(MOUNTS)) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length > 1 && unescape(fields[1]).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    /** The lines of /etc/fstab but the ones create_disk wrote for {@code disk} (its comment= option names it). */
    private List<String> fstabWithout(Path disk) {
        List<String> kept = new ArrayList<>();
        for (String line : fstabLines()) {
            String[] fields = line.trim().split("\\s+");
            boolean ours = !line.trim().startsWith("#") && fields.length > 3
                    && List.of(fields[3].split(",")).contains("comment=" + disk);
            if (!ours) {
                kept.add(line);
            }
        }
        return kept;
    }

    private List<String> fstabLines() {
        return lines(FSTAB);
    }

    private void writeFstab(List<String> lines) {
        String text = lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
        machine().files().write(FSTAB, text.getBytes(StandardCharsets.UTF_8), OptionalInt.empty(), true);
    }

    private List<String> lines(Path file) {
        return machine().files().read(file, false).map(b -> new String(b, StandardCharsets.UTF_8).lines().toList())
                .orElse(List.of());
    }

    private void asRoot(String... argv) {
        machine().commands().checked(machine().privilege().asRoot(List.of(argv)));
    }

    /** An absolute path that can stand in an fstab line as it is. */
    private static Path path(String helper, String what, String value) {
        if (value == null || value.isBlank()) {
            throw new PluginAbort(helper + ": " + what + " is required");
        }
        if (NOT_IN_FSTAB.matcher(value).find()) {
            throw new PluginAbort(helper + ": " + what + " '" + value + "' has a blank or a comma, which /etc/fstab "
                    + "cannot hold; choose a path without them");
        }
        Path path = Path.of(value);
        if (!path.isAbsolute()) {
            throw new PluginAbort(helper + ": " + what + " '" + value + "' is not an absolute path; /etc/fstab "
                    + "needs one, e.g. \"$DATA_DIR/swift/drives/images/swift.img\"");
        }
        return path.normalize();
    }

    /** The octal escapes the kernel writes in /proc/mounts for blanks and backslashes ({@code \040}). */
    private static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
