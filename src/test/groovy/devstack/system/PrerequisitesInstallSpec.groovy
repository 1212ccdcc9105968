package devstack.system

import devstack.testkit.MachineWide
import devstack.testkit.Cli
import devstack.testkit.MachinePackages
import devstack.testkit.Tree
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * SPEC §2 row 3: the prerequisite lists of every enabled service are installed before the pre-install hooks, in
 * one package-manager transaction, for real (root on Debian). sl and hello are tiny packages.
 */
@Stepwise
@Requires(value = { MachinePackages.absent('sl', 'hello') },
        reason = 'root on Debian, and sl and hello not installed: a package that is there is never touched')
@MachineWide
class PrerequisitesInstallSpec extends Specification {
    static final List<String> PACKAGES = ['sl', 'hello']

    @TempDir
    @Shared
    Path dir

    @Shared
    Tree tree

    @Shared
    Set<String> packagesBefore

    def setupSpec() {
        packagesBefore = MachinePackages.installed()
        tree = new Tree(dir)
                .write('files/debs/general', 'sl\n')
                .write('files/debs/svc-a', 'hello   # dist:nosuchdistro,other\nhello # not:nosuchdistro\nnot-a-real-package NOPRIME\n')
                .write('files/debs/svc-off', 'not-a-real-package-either\n')
                .hook('50-seen.groovy', '''if ($1 == 'stack' && $2 == 'pre-install') {
    new File(PROBE_LOG) << "at pre-install: ${is_package_installed('sl', 'hello')}\\n"
}''')
        logTo('first')
    }

    def cleanupSpec() {
        MachinePackages.restore(packagesBefore)
    }

    /** Each run logs to a file of its own, whatever the clock says. */
    private void logTo(String name) {
        tree.localConf("ENABLED_SERVICES=svc-a\nLOGFILE=${tree.dest}/logs/${name}.log")
    }

    private List<String> packageManagerCalls(String log) {
        Files.readAllLines(tree.dest.resolve("logs/${log}.log")).findAll { it =~ /\+ .*apt-get .* (install|update)( |$)/ }
    }

    def "the lists of the enabled services are installed in one apt-get call, before the pre-install hooks"() {
        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 0
        run.out.contains('Installing package prerequisites')
        tree.probed() == ['at pre-install: true']
        def installs = packageManagerCalls('first').findAll { it.contains(' install') }
        // One transaction for both lists; a failed one is tried once more after an update, as documented.
        installs.size() in [1, 2]
        installs.every { it.endsWith('install sl hello') }
        PACKAGES.every { PackageInstallSpec.installed(it) }
    }

    def "a second stack calls no package manager at all"() {
        given:
        tree.clearProbe()
        logTo('second')

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 0
        packageManagerCalls('second').isEmpty()
    }
}
