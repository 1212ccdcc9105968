package devstack.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The distribution, read from {@code /etc/os-release}: DevStack's {@code os_VENDOR}, {@code os_RELEASE},
 * {@code os_CODENAME}, {@code os_PACKAGE} and {@code DISTRO}.
 */
public record OsRelease(String id, String vendor, String release, String codename, String packageFormat, String distro) {
    private static final List<String> RHEL_FAMILY =
            List.of("rhel", "centos", "rocky", "almalinux", "ol", "virtuozzo", "scientific");
    private static final Map<String, String> VENDORS = Map.of(
            "debian", "Debian", "ubuntu", "Ubuntu", "fedora", "Fedora", "centos", "CentOS",
            "rhel", "Red Hat", "rocky", "Rocky", "almalinux", "AlmaLinux", "ol", "OracleServer",
            "openeuler", "openEuler");

    public static OsRelease read(Path file) {
        try {
            return parse(Files.readAllLines(file));
        } catch (IOException e) {
            return new OsRelease("", "Unknown", "", "", "unknown", "unknown");
        }
    }

    public static OsRelease ofThisMachine() {
        return read(Path.of("/etc/os-release"));
    }

    /** Parses the lines of an os-release file. */
    public static OsRelease parse(List<String> lines) {
        Map<String, String> fields = new HashMap<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                fields.put(line.substring(0, eq).trim(), unquote(line.substring(eq + 1).trim()));
            }
        }
        String id = fields.getOrDefault("ID", "").toLowerCase(Locale.ROOT);
        List<String> family = Arrays.asList((id + " " + fields.getOrDefault("ID_LIKE", "")).split("\\s+"));
        String release = fields.getOrDefault("VERSION_ID", "");
        String codename = fields.getOrDefault("VERSION_CODENAME", "");
        boolean deb = family.contains("debian") || family.contains("ubuntu");
        String vendor = VENDORS.getOrDefault(id, fields.getOrDefault("NAME", "Unknown").replace(" ", ""));
        if (List.of("almalinux", "centos", "rocky", "rhel").contains(id)) {
            // DevStack's GetOSVersion: NAME without blanks, and the parenthesised part of VERSION.
            vendor = fields.getOrDefault("NAME", vendor).replaceAll("\\s", "");
            Matcher parenthesised = Pattern.compile("\\(([^)]*)\\)").matcher(fields.getOrDefault("VERSION", ""));
            codename = parenthesised.find() ? parenthesised.group(1) : "";
        }
        String distro;
        if (deb) {
            distro = codename;
        } else if (id.equals("fedora")) {
            distro = "f" + release;
        } else if (RHEL_FAMILY.contains(id)) {
            distro = "rhel" + release.split("\\.")[0];
        } else if (id.equals("openeuler")) {
            distro = "openEuler-" + release;
        } else {
            distro = id + release;
        }
        return new OsRelease(id, vendor, release, codename, deb ? "deb" : "rpm", distro);
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    public boolean isUbuntu() {
        return packageFormat.equals("deb");
    }

    /** DevStack's is_fedora: the Fedora and Red Hat family. */
    public boolean isFedora() {
        return id.equals("fedora") || id.equals("openeuler") || RHEL_FAMILY.contains(id);
    }
}
