package devstack.system

import devstack.testkit.Cli
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
@Requires({ PackageInstallSpec.rootOnDebian() })
class PrerequisitesInstallSpec extends Specification {
    static final List<String> PACKAGES = ['sl', 'hello']

    @TempDir
    @Shared
    Path dir

    @Shared
    Tree tree

    def setupSpec() {
        purge()
        tree = new Tree(dir)
                .write('files/debs/general', 'sl\n')
                .write('files/debs/svc-a', 'hello   # dist:nosuchdistro,other\nhello # not:nosuchdistro\nnot-a-real-package NOPRIME\n')
                .write('files/debs/svc-off', 'not-a-real-package-either\n')
                .hook('50-seen.groovy', '''if ($1 == 'stack' && $2 == 'pre-install') {
    new File(PROBE_LOG) << "at pre-install: ${is_package_installed('sl', 'hello')}\\n"
}''')
                .localConf('ENABLED_SERVICES=svc-a')
    }

    def cleanupSpec() {
        purge()
    }

    private static void purge() {
        if (PackageInstallSpec.rootOnDebian()) {
            new ProcessBuilder(['apt-get', 'purge', '--assume-yes'] + PACKAGES).start().waitFor()
        }
    }

    private static List<String> packageManagerCalls(Tree tree) {
        Files.readAllLines(tree.dest.resolve('logs/stack.sh.log')).findAll { it =~ /\+ .*apt-get .* (install|update)( |$)/ }
    }

    def "the lists of the enabled services are installed in one apt-get call, before the pre-install hooks"() {
        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 0
        run.out.contains('Installing package prerequisites')
        tree.probed() == ['at pre-install: true']
        def installs = packageManagerCalls(tree).findAll { it.contains(' install') }
        installs.size() == 1
        installs[0].endsWith('install sl hello')
        PACKAGES.every { PackageInstallSpec.installed(it) }
    }

    def "a second stack calls no package manager at all"() {
        given:
        tree.clearProbe()
        Thread.sleep(1100) // a new log file: its name carries the second

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 0
        packageManagerCalls(tree).isEmpty()
    }
}
