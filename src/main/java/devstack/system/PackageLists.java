package devstack.system;

import devstack.config.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DevStack's prerequisite lists: {@code files/debs/<service>} (or {@code files/rpms/<service>}), one or more
 * package names per line, {@code #} comments, {@code NOPRIME} lines left to the service's own code, and the
 * markers {@code # dist:a,b} (only on those distributions) and {@code # not:a,b} (not on those).
 * Distribution names are compared whole (DevStack matches them as unanchored regular expressions).
 */
public final class PackageLists {
    private static final Pattern MARKER = Pattern.compile("^\\s*(dist|not)\\s*:\\s*(.*)$");
    private static final Pattern DISTRO_LIST = Pattern.compile("[A-Za-z0-9._-]+(\\s*,\\s*[A-Za-z0-9._-]+)*");

    private final String distro;
    private final String format;

    /**
     * @param distro the DISTRO of this machine (e.g. {@code bookworm}, {@code f41})
     * @param format {@code deb} or {@code rpm}: which directory the lists are read from
     */
    public PackageLists(String distro, String format) {
        this.distro = distro.toLowerCase(Locale.ROOT);
        this.format = format;
    }

    /** The directory of lists under a {@code files} directory: {@code debs} or {@code rpms}. */
    public Path listDirectory(Path files) {
        return files.resolve(format.equals("deb") ? "debs" : "rpms");
    }

    /**
     * get_packages: the packages the lists of {@code services} name, in order, each once. DevStack's service-name
     * mappings are kept (n-* also reads nova, c-* cinder, ...), so DevStack-style list files carry over.
     */
    public List<String> packages(Path files, List<String> services) {
        Set<String> packages = new LinkedHashSet<>();
        for (String list : listNames(services)) {
            Path file = listDirectory(files).resolve(list);
            if (Files.isRegularFile(file)) {
                packages.addAll(read(file));
            }
        }
        return new ArrayList<>(packages);
    }

    /** The packages of one list file, for this distribution. */
    public List<String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read the package list " + file + ": " + e.getMessage());
        }
        List<String> packages = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.contains("NOPRIME")) {
                continue;
            }
            int hash = line.indexOf('#');
            String names = hash < 0 ? line : line.substring(0, hash);
            if (hash >= 0 && !applies(line.substring(hash + 1), file, i + 1)) {
                continue;
            }
            Arrays.stream(names.trim().split("\\s+")).filter(s -> !s.isEmpty()).forEach(packages::add);
        }
        return packages;
    }

    /** Reads a line's comment for a dist/not marker; false when the line is not for this distribution. */
    private boolean applies(String comment, Path file, int line) {
        Matcher marker = MARKER.matcher(comment);
        if (!marker.matches()) {
            // "dist=..." or "not;..." is a marker with a typo, not a comment: better an error than a silent install.
            if (comment.matches("^\\s*(dist|not)\\s*[=;].*")) {
                throw malformed(file, line, comment);
            }
            return true;
        }
        String list = marker.group(2).trim();
        if (!DISTRO_LIST.matcher(list).matches()) {
            throw malformed(file, line, comment);
        }
        boolean listed = Arrays.stream(list.split("\\s*,\\s*"))
                .anyMatch(d -> d.toLowerCase(Locale.ROOT).equals(distro));
        return marker.group(1).equals("dist") == listed;
    }

    private static ConfigurationException malformed(Path file, int line, String comment) {
        return ConfigurationException.at(file.toString(), line, "malformed marker '#" + comment + "'",
                "write '# dist:bookworm,noble' or '# not:f41' (a comma-separated list of DISTRO names)");
    }

    /** The list files a set of services reads, DevStack's mappings included, in order, each once. */
    static List<String> listNames(List<String> services) {
        Set<String> names = new LinkedHashSet<>();
        for (String service : services) {
            names.add(service);
            if (service.equals("n-api")) {
                names.addAll(List.of("nova", "glance", "os-brick"));
            } else if (service.startsWith("c-")) {
                names.addAll(List.of("cinder", "os-brick"));
            } else if (service.startsWith("s-")) {
                names.add("swift");
            } else if (service.startsWith("n-")) {
                names.addAll(List.of("nova", "os-brick"));
            } else if (service.startsWith("g-")) {
                names.add("glance");
            } else if (service.startsWith("key")) {
                names.add("keystone");
            } else if (service.startsWith("q-") || service.startsWith("neutron-")) {
                names.add("neutron-common");
            } else if (service.startsWith("ir-")) {
                names.add("ironic");
            }
        }
        return new ArrayList<>(names);
    }
}
