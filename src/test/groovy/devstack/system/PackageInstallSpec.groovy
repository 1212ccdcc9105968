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
 * install_package for real: through apt on Debian as root (CI is root on Debian). GNU hello is a tiny package with
 * no dependencies beyond libc; the spec removes it first so that the install really happens.
 */
@Stepwise
@Requires(value = { MachinePackages.absent(PackageInstallSpec.PACKAGE) },
        reason = 'root on Debian, and hello not installed: a package that is there is never touched')
@MachineWide
class PackageInstallSpec extends Specification {
    static final String PACKAGE = 'hello'

    @TempDir
    @Shared
    Path dir

    @Shared
    Set<String> packagesBefore

    static boolean rootOnDebian() {
        MachinePackages.rootOnDebian()
    }

    static boolean installed(String name) {
        def process = new ProcessBuilder('dpkg-query', '--show', '--showformat=${Status}', name).start()
        process.exitCode() == 0 && process.inputStream.text.endsWith(' installed')
    }

    private Tree tree() {
        new Tree(dir)
                .hook('50-pkg.groovy', """
if (\$1 == 'stack' && \$2 == 'pre-install') {
    new File(PROBE_LOG) << "before=\${is_package_installed('$PACKAGE')}\\n"
    install_package '$PACKAGE'
    new File(PROBE_LOG) << "after=\${is_package_installed('$PACKAGE')}\\n"
}""")
                .localConf("ENABLED_SERVICES=template\nLOGFILE=$dir/dest/logs/run-${++runs}.log")
    }

    /** The log of the tree's last run: each run logs to a file of its own (LOGFILE), whatever the clock says. */
    private String log(Tree tree) {
        Files.readString(tree.dest.resolve("logs/run-${runs}.log"))
    }

    @Shared
    int runs = 0

    def setupSpec() {
        packagesBefore = MachinePackages.installed()
    }

    def "install_package installs a package that is missing, through the real package manager"() {
        given:
        def tree = tree()

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 0
        tree.probed() == ['before=false', 'after=true']
        installed(PACKAGE)
        log(tree).contains('apt-get --option Dpkg::Options::=--force-confold --option DPkg::Lock::Timeout=600 --assume-yes install hello')
    }

    def "a second stack finds it installed and never calls the package manager"() {
        given:
        def tree = tree()
        tree.clearProbe()

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 0
        tree.probed() == ['before=true', 'after=true']
        !log(tree).contains('apt-get')
    }

    def "a package that does not exist fails the run with the package manager's message"() {
        given:
        def tree = new Tree(dir.resolve('missing'))
                .hook('50-pkg.groovy', "if (\$1 == 'stack' && \$2 == 'pre-install') { install_package 'no-such-package-devstack' }")
                .localConf('ENABLED_SERVICES=template\nNO_UPDATE_REPOS=True')

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 1
        run.err.contains('extras.d/50-pkg.groovy:1')
        run.err.contains('Unable to locate package no-such-package-devstack')
    }

    def cleanupSpec() {
        MachinePackages.restore(packagesBefore)
    }
}
