package devstack.script

import devstack.system.OsRelease
import devstack.testkit.Cli
import devstack.testkit.Tree
import spock.lang.Requires
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** SPEC §4: the distribution helpers as a plugin calls them, run through the real CLI. */
class DistroHelpersSpec extends Specification {
    @TempDir
    Path dir

    Tree tree

    def setup() {
        tree = new Tree(dir)
    }

    /** Runs {@code body} in a hook at the unstack phase and returns the run. */
    private Cli unstackWith(String body, String localrc = 'ENABLED_SERVICES=') {
        tree.unstackWith(body, localrc)
    }

    private static String probe(String expression) {
        "new File(PROBE_LOG) << \"\${$expression}\\n\""
    }


    def "os_VENDOR, os_RELEASE, os_CODENAME, os_PACKAGE and DISTRO are there from the first phase on"() {
        given:
        def os = OsRelease.ofThisMachine()
        tree.hook('10-early.groovy', "if (\$1 == 'source') { ${probe('[os_VENDOR, os_RELEASE, os_CODENAME, os_PACKAGE, DISTRO].join(\'|\')')} }")
        tree.localConf('ENABLED_SERVICES=\nDISTRO=set-by-hand')

        when:
        def run = Cli.run(tree.root, 'unstack')

        then:
        run.exitCode == 0
        tree.probed() == [[os.vendor(), os.release(), os.codename(), os.packageFormat(), os.distro()].join('|')]
        !os.distro().isEmpty()
    }

    @Requires({ OsRelease.ofThisMachine().id() == 'debian' && OsRelease.ofThisMachine().release() == '12' })
    def "on Debian 12 they read as DevStack's GetDistro sets them"() {
        when:
        def run = unstackWith(probe('[os_VENDOR, os_RELEASE, os_CODENAME, os_PACKAGE, DISTRO].join(\' \')'))

        then:
        run.exitCode == 0
        tree.probed() == ['Debian 12 bookworm deb bookworm']
    }

    def "GetOSVersion and GetDistro set them again after a plugin changed them; GetDistro returns DISTRO"() {
        when:
        def run = unstackWith("""
os_VENDOR = 'changed'
DISTRO = 'changed'
GetOSVersion()
${probe('os_VENDOR')}
DISTRO = 'changed'
${probe('GetDistro()')}
${probe('DISTRO')}
""")

        then:
        run.exitCode == 0
        def os = OsRelease.ofThisMachine()
        tree.probed() == [os.vendor(), os.distro(), os.distro()]
    }

    def "is_arch compares with uname -m"() {
        given:
        String machine = 'uname -m'.execute().text.trim()

        when:
        def run = unstackWith("${probe("is_arch('$machine')")}\n${probe("is_arch('no-such-arch')")}")

        then:
        run.exitCode == 0
        tree.probed() == ['true', 'false']
    }

    def "is_arch without an architecture stops the run with a message"() {
        when:
        def run = unstackWith("is_arch ''")

        then:
        run.exitCode == 1
        run.err.contains("is_arch: an architecture to compare with is required")
    }

    def "is_suse is false, always"() {
        when:
        def run = unstackWith(probe('is_suse()'))

        then:
        run.exitCode == 0
        tree.probed() == ['false']
    }

    def "exit_distro_not_supported stops the run naming DISTRO #what"() {
        when:
        def run = unstackWith("exit_distro_not_supported $args\n${probe("'not reached'")}", 'ENABLED_SERVICES=\nDISTRO=ignored')

        then:
        run.exitCode == 1
        tree.probed() == []
        run.err.contains("extras.d/50-under-test.groovy:2: Support for ${OsRelease.ofThisMachine().distro()} is incomplete$tail")

        where:
        what                  | args                    | tail
        'and what is missing' | "'installing', 'libvirt'" | ': no support for installing libvirt'
        'alone'               | '()'                    | '.'
    }

    @Requires({ Files.exists(Path.of('/.dockerenv')) || Files.exists(Path.of('/run/.containerenv')) })
    def "running_in_container is true in this container"() {
        when:
        def run = unstackWith(probe('running_in_container()'))

        then:
        run.exitCode == 0
        tree.probed() == ['true']
    }

    def "apt_get, apt_get_update and yum_install run nothing #situation"() {
        when:
        def run = unstackWith("""
$calls
${probe("'went on'")}
sh 'echo commands are shown'
""", "ENABLED_SERVICES=\n$setting\nVERBOSE=True")

        then:
        run.exitCode == 0
        tree.probed() == ['went on']
        run.out.contains('+ /bin/sh -c echo commands are shown')
        !run.out.contains('apt-get')
        !run.out.contains('dnf')

        where:
        situation                                           | setting             | calls
        'with OFFLINE=True'                                 | 'OFFLINE=True'      | "apt_get 'install', 'no-such-package-at-all'\napt_get_update()\nyum_install 'no-such-package-at-all'"
        'without arguments, or when the repos were updated' | 'REPOS_UPDATED=True' | 'apt_get()\nyum_install()\napt_get_update()'
    }

    def "apt_get refuses an operation that is not one, before anything runs"() {
        when:
        def run = unstackWith("apt_get '--purge', 'cowsay'", 'ENABLED_SERVICES=\nVERBOSE=True')

        then:
        run.exitCode == 1
        run.err.contains("apt_get: '--purge' is not an apt-get operation")
        !run.out.contains('apt-get --option')
    }
}
