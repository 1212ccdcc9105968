package devstack.system;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** dnf on the Fedora family, as DevStack's {@code yum_install} runs it. */
final class Dnf implements PackageManager {
    private final CommandRunner commands;
    private final Privilege privilege;

    Dnf(CommandRunner commands, Privilege privilege) {
        this.commands = commands;
        this.privilege = privilege;
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
    public void install(Collection<String> names) {
        dnf("install", names);
    }

    @Override
    public void uninstall(Collection<String> names) {
        dnf("remove", names);
    }

    @Override
    public void updateRepositories() {
        dnf("makecache", List.of());
    }

    private void dnf(String operation, Collection<String> names) {
        List<String> argv = new ArrayList<>(List.of("dnf", operation, "-y"));
        argv.addAll(names);
        commands.checked(privilege.asRoot(argv));
    }
}
