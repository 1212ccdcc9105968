package devstack.system;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** dnf on the Fedora family, as DevStack's {@code yum_install} runs it (through {@link PackageTools}). */
final class Dnf implements PackageManager {
    private final Machine.Commands commands;
    private final Privilege privilege;

    Dnf(Machine.Commands commands, Privilege privilege) {
        this.commands = commands;
        this.privilege = privilege;
    }

    private PackageTools tools(Proxies proxies) {
        return new PackageTools(commands, privilege, proxies);
    }

    @Override
    public Set<String> installed(Collection<String> names) {
        List<String> argv = new ArrayList<>(List.of("rpm", "--query", "--queryformat", "%{NAME}\\n"));
        argv.addAll(names);
        // rpm exits with the number of missing packages; the names it prints are the installed ones.
        Set<String> printed = new HashSet<>(List.of(commands.query(argv).stdout().split("\n")));
        Set<String> installed = new HashSet<>();
        names.stream().filter(printed::contains).forEach(installed::add);
        return installed;
    }

    @Override
    public void install(Collection<String> names, Proxies proxies) {
        tools(proxies).dnf("install", names);
    }

    @Override
    public void uninstall(Collection<String> names, Proxies proxies) {
        tools(proxies).dnf("remove", names);
    }

    @Override
    public void updateRepositories(Proxies proxies) {
        tools(proxies).dnf("makecache", List.of());
    }
}
