package devstack.scaffold;

import devstack.DevstackException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code devstack new-plugin}: the files of a new hook, hypervisor plugin or external plugin, each a small working
 * plugin with a Spock specification written with the plugin test kit, and what to do next. The templates are under
 * {@code src/main/resources/devstack/scaffold/}.
 */
public final class Scaffold {
    /** Hook numbers tried in turn; 00-09 and 90-99 are the project's own. */
    private static final List<String> FREE_NUMBERS = List.of("50", "60", "70", "80");
    private static final Pattern NUMBERED = Pattern.compile("(\\d\\d)-.*");

    /** What a write did: the files created, and the shared files left as they were, relative to the root. */
    public record Written(List<String> created, List<String> kept) {
    }

    private final NewFiles files;
    private final List<String> next;

    private Scaffold(NewFiles files, List<String> next) {
        this.files = files;
        this.next = next;
    }

    /**
     * An extras.d hook in the tree {@code top}: {@code extras.d/NN-NAME.groovy} dispatching to
     * {@code lib/NAME.groovy}, its package lists and its spec. {@code number} is null to take the first free one.
     */
    public static Scaffold hook(Path top, PluginName name, String number, Consumer<String> warn) {
        name.checkDerived(List.of("install_" + name.function(), "configure_" + name.function(),
                "cleanup_" + name.function()), List.of(name.variable() + "_DIR", name.variable() + "_CONF",
                name.variable() + "_DEBUG"));
        String nn = number == null ? freeNumber(top) : checkNumber(number, warn);
        SpecHome home = SpecHome.of(top, name);
        String spec = name.className() + "HookSpec";
        Map<String, String> values = values(name, home, spec);
        values.put("NUMBER", nn);
        NewFiles files = new NewFiles(top)
                .add("extras.d/" + nn + "-" + name.name() + ".groovy", Template.render("hook/hook.groovy", values))
                .add("lib/" + name.name() + ".groovy", Template.render("hook/lib.groovy", values))
                .add("files/debs/" + name.name(), Template.render("hook/debs", values))
                .add("files/rpms/" + name.name(), Template.render("hook/rpms", values));
        otherHooks(top, name, nn).forEach(files::conflict);
        home.add(files, spec, Template.render("hook/Spec.groovy", values));
        return new Scaffold(files, List.of(
                "enable it: enable_service " + name.name() + " in local.conf's [[local|localrc]]",
                "test it:   " + home.runCommand(spec)));
    }

    /** A hypervisor plugin in the tree {@code top}: {@code nova_plugins/hypervisor-NAME.groovy} and its spec. */
    public static Scaffold hypervisor(Path top, PluginName name) {
        name.checkDerived(List.of(), List.of(name.variable() + "_DIR", name.variable() + "_COMPUTE_DRIVER"));
        SpecHome home = SpecHome.of(top, name);
        String spec = name.className() + "HypervisorSpec";
        Map<String, String> values = values(name, home, spec);
        NewFiles files = new NewFiles(top).add("nova_plugins/hypervisor-" + name.name() + ".groovy",
                Template.render("hypervisor/hypervisor.groovy", values));
        home.add(files, spec, Template.render("hypervisor/Spec.groovy", values));
        return new Scaffold(files, List.of(
                "enable it: VIRT_DRIVER=" + name.name() + " in local.conf's [[local|localrc]] (with n-cpu enabled)",
                "test it:   " + home.runCommand(spec)));
    }

    /**
     * An external plugin repository in {@code dir}: {@code devstack/plugin.groovy}, {@code settings.groovy},
     * {@code lib/NAME.groovy}, the package lists, a README, a pom.xml that tests it with the kit, a spec, and a
     * .gitignore.
     */
    public static Scaffold external(Path dir, PluginName name) {
        name.checkDerived(List.of("install_" + name.function(), "configure_" + name.function(),
                "cleanup_" + name.function()), List.of(name.variable() + "_DIR", name.variable() + "_CONF",
                name.variable() + "_DEBUG"));
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new DevstackException(DevstackException.BAD_INPUT, "--external " + dir + ": exists and is not a "
                    + "directory", "name a new or empty directory for the plugin's repository");
        }
        Map<String, String> values = values(name, null, null);
        Map<String, String> templates = new LinkedHashMap<>();
        templates.put("devstack/plugin.groovy", "external/plugin.groovy");
        templates.put("devstack/settings.groovy", "external/settings.groovy");
        templates.put("devstack/lib/" + name.name() + ".groovy", "external/lib.groovy");
        templates.put("devstack/files/debs/" + name.name(), "external/debs");
        templates.put("devstack/files/rpms/" + name.name(), "external/rpms");
        templates.put("src/test/groovy/" + name.className() + "PluginSpec.groovy", "external/Spec.groovy");
        templates.put("pom.xml", "external/pom.xml");
        templates.put("README.md", "external/README.md");
        templates.put(".gitignore", "external/gitignore");
        NewFiles files = new NewFiles(dir);
        templates.forEach((path, template) -> files.add(path, Template.render(template, values)));
        Path absolute = dir.toAbsolutePath().normalize();
        return new Scaffold(files, List.of(
                "commit it: cd " + dir + " && git init -b main && git add -A && git commit -m '" + name.name()
                        + ": a new DevStack plugin'",
                "test it:   mvn -B test (in " + dir + "; the kit must be installed: see its README)",
                "enable it: enable_plugin " + name.name() + " file://" + absolute + " main  (in local.conf's "
                        + "[[local|localrc]])"));
    }

    /** The files it would write, relative to {@link #root()}. */
    public List<String> paths() {
        return files.files().stream().map(NewFiles.NewFile::path).toList();
    }

    /** Where the files go: the tree, or the external plugin's directory. */
    public Path root() {
        return files.root();
    }

    /** Writes every file, or none when any is in the way (exit 2, naming them all). */
    public Written write() {
        return files.write();
    }

    /** What the user does next: enable it, test it. */
    public List<String> next() {
        return next;
    }

    /** The kit's coordinates and the build's versions: KIT_VERSION, GROOVY_VERSION, SPOCK_VERSION, … */
    static Map<String, String> kitValues() {
        KitCoordinates kit = KitCoordinates.ofThisBuild();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("KIT_GROUP_ID", kit.groupId());
        values.put("KIT_ARTIFACT_ID", kit.artifactId());
        values.put("KIT_VERSION", kit.version());
        kit.versions().forEach((key, version) -> values.put(key.replace('.', '_').toUpperCase(Locale.ROOT),
                version));
        return values;
    }

    private static Map<String, String> values(PluginName name, SpecHome home, String spec) {
        Map<String, String> values = kitValues();
        values.put("NAME", name.name());
        values.put("FUNCTION", name.function());
        values.put("VARIABLE", name.variable());
        values.put("CLASS", name.className());
        if (home != null) {
            values.put("PACKAGE", home.packageLine());
            values.put("RUN", home.runCommand(spec));
        }
        return values;
    }

    /** The first of 50, 60, 70, 80 that no entry of extras.d/ uses. */
    private static String freeNumber(Path top) {
        Set<String> taken = new TreeSet<>();
        for (String entry : entries(top.resolve("extras.d"))) {
            Matcher matcher = NUMBERED.matcher(entry);
            if (matcher.matches()) {
                taken.add(matcher.group(1));
            }
        }
        return FREE_NUMBERS.stream().filter(n -> !taken.contains(n)).findFirst().orElseThrow(() ->
                new DevstackException(DevstackException.BAD_INPUT, "extras.d has hooks at " + String.join(", ",
                        FREE_NUMBERS) + " already", "give the hook its number with --number NN (10-89; 00-09 and "
                        + "90-99 are the project's own)"));
    }

    private static String checkNumber(String number, Consumer<String> warn) {
        if (!number.matches("\\d\\d")) {
            throw new DevstackException(DevstackException.BAD_INPUT, "--number " + number + ": a hook's number is "
                    + "two digits", "e.g. --number 70; hooks run in the order of their file names");
        }
        if (number.startsWith("0") || number.startsWith("9")) {
            warn.accept("--number " + number + ": 00-09 and 90-99 are reserved for the project's own hooks (a "
                    + "convention only; the hook runs all the same)");
        }
        return number;
    }

    /** Hooks of the same name under another number: a second one would run the service twice. */
    private static List<String> otherHooks(Path top, PluginName name, String number) {
        List<String> found = new ArrayList<>();
        for (String entry : entries(top.resolve("extras.d"))) {
            if (entry.matches("\\d\\d-" + Pattern.quote(name.name()) + "\\.groovy")
                    && !entry.startsWith(number + "-")) {
                found.add("extras.d/" + entry + " (a hook for " + name.name() + ")");
            }
        }
        return found;
    }

    private static List<String> entries(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
