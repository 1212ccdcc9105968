package devstack.system;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** apt on Debian and Ubuntu, run as DevStack's {@code apt_get} does: non-interactive, keeping local config files. */
final class Apt implements PackageManager {
    private final CommandRunner commands;
    private final Privilege privilege;

    Apt(CommandRunner commands, Privilege privilege) {
        this.commands = commands;
        this.privilege = privilege;
    }

    @Override
    public Set<String> installed(Collection<String> names) {
        List<String> argv = new ArrayList<>(List.of("dpkg-query", "--show", "--showformat=${Package}\\t${Status}\\n"));
        argv.addAll(names);
        // dpkg-query exits 1 when some names are unknown; its output still lists the known ones.
        CommandRunner.Result result = commands.query(argv);
        Set<String> installed = new HashSet<>();
        for (String line : result.stdout().split("\n")) {
            String[] fields = line.split("\t");
            if (fields.length == 2 && fields[1].endsWith(" installed") && !fields[1].contains("not-installed")) {
                installed.add(fields[0]);
            }
        }
        Set<String> asked = new HashSet<>();
        for (String name : names) {
            // A name asked with an architecture or a version (pkg:amd64, pkg=1.0) is known by its bare name.
            if (installed.contains(name.split("[:=]")[0])) {
                asked.add(name);
            }
        }
        return asked;
    }

    @Override
    public void install(Collection<String> names) {
        aptGet("install", names);
    }

    @Override
    public void uninstall(Collection<String> names) {
        aptGet("purge", names);
    }

    @Override
    public void updateRepositories() {
        aptGet("update", List.of());
    }

    private void aptGet(String operation, Collection<String> names) {
        List<String> argv = new ArrayList<>(List.of("env", "DEBIAN_FRONTEND=noninteractive", "apt-get",
                "--option", "Dpkg::Options::=--force-confold", "--assume-yes", operation));
        argv.addAll(names);
        commands.checked(privilege.asRoot(argv));
    }
}
