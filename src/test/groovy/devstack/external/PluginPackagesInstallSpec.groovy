package devstack.external

import devstack.testkit.MachineWide
import devstack.testkit.Cli
import devstack.testkit.MachinePackages
import devstack.testkit.Tree
import spock.lang.Requires
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** An external plugin's devstack/files/debs/<name> is installed with the prerequisites, for real. */
@Requires(value = { MachinePackages.absent('sl') },
        reason = 'root on Debian, and sl not installed: a package that is there is never touched')
@MachineWide
class PluginPackagesInstallSpec extends Specification {
    @TempDir
    Path dir

    Set<String> packagesBefore = MachinePackages.installed()

    def cleanup() {
        MachinePackages.restore(packagesBefore)
    }

    def "the plugin's package list goes into the one prerequisite transaction, before pre-install"() {
        given:
        def repo = new PluginRepo(dir, 'pkgs')
                .file('devstack/files/debs/pkgs', 'sl\nnot-for-here # dist:nosuchdistro\n')
                .file('devstack/plugin.groovy', '''if ($1 == 'stack' && $2 == 'pre-install') {
    new File(PROBE_LOG) << "sl installed at pre-install: ${is_package_installed('sl')}\\n"
}''')
                .commit()
        def tree = new Tree(dir.resolve('top')).localConf("ENABLED_SERVICES=\nenable_plugin pkgs $repo.url")

        when:
        def run = Cli.run(tree.root, 'stack')
        def installs = Files.readAllLines(tree.dest.resolve('logs/stack.sh.log'))
                .findAll { it =~ /\+ .*apt-get .* install / }

        then:
        run.exitCode == 0
        // One transaction; a failed one is tried once more after an update, as documented.
        installs.size() in [1, 2]
        installs.every { it.endsWith(' install sl') }
        tree.probed() == ['sl installed at pre-install: true']
    }
}
