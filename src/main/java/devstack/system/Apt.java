package devstack.system;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * apt on Debian and Ubuntu, run as DevStack's {@code apt_get} does (non-interactive, keeping local config files,
 * with the proxies through sudo): the commands are {@link PackageTools}', so install_package and apt_get agree.
 */
final class Apt implements PackageManager {
    private final Machine.Commands commands;
    private final Privilege privilege;

    Apt(Machine.Commands commands, Privilege privilege) {
        this.commands = commands;
        this.privilege = privilege;
    }

    private PackageTools tools(Proxies proxies) {
        return new PackageTools(commands, privilege, proxies);
    }

    @Override
    public Set<String> installed(Collection<String> names) {
        List<String> argv = new ArrayList<>(List.of("dpkg-query", "--show", "--showformat=${Package}\\t${Status}\\n"));
        argv.addAll(names);
        // dpkg-query exits 1 when some names are unknown; its output still lists the known ones.
        CommandResult result = commands.query(argv);
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
    public void install(Collection<String> names, Proxies proxies) {
        tools(proxies).aptGet("install", names);
    }

    @Override
    public void uninstall(Collection<String> names, Proxies proxies) {
        tools(proxies).aptGet("purge", names);
    }

    /** DevStack's apt_get_update, with its retry policy (bad mirrors come and go). */
    @Override
    public void updateRepositories(Proxies proxies) {
        tools(proxies).aptGetUpdate();
    }
}
