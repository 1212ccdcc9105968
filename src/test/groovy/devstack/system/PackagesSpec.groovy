package devstack.system

import devstack.DevstackException
import devstack.console.Console
import spock.lang.Specification

import java.util.function.BooleanSupplier

/** The package helpers' logic (SPEC §4, reference §4.3) over a recording package manager. */
class PackagesSpec extends Specification {

    /** Records every call in order; installs succeed unless failures are queued. */
    static class RecordingPackageManager implements PackageManager {
        Set<String> present = [] as Set
        List<String> calls = []
        List<List<String>> queries = []
        List<List<String>> installs = []
        int failingInstalls = 0

        Set<String> installed(Collection<String> names) {
            calls << 'installed ' + names.join(' ')
            queries << new ArrayList<>(names)
            names.findAll { it in present } as Set
        }

        void install(Collection<String> names, Proxies proxies) {
            calls << 'install ' + names.join(' ')
            installs << new ArrayList<>(names)
            if (failingInstalls > 0) {
                failingInstalls--
                throw new CommandFailedException('apt-get install ' + names.join(' '), 100, ['E: boom'])
            }
            present.addAll(names)
        }

        void uninstall(Collection<String> names, Proxies proxies) {
            calls << 'uninstall ' + names.join(' ')
            present.removeAll(names)
        }

        void updateRepositories(Proxies proxies) {
            calls << 'update'
        }
    }

    StringWriter out = new StringWriter()
    StringWriter err = new StringWriter()
    Console console = new Console(new PrintWriter(out), new PrintWriter(err))
    RecordingPackageManager manager = new RecordingPackageManager()
    boolean skipUpdate = false
    boolean offline = false
    Packages packages = new Packages(manager, console, { skipUpdate } as BooleanSupplier, { offline } as BooleanSupplier,
            { new Proxies('', '', '') })

    def "OFFLINE=True installs and removes nothing, as DevStack's apt_get"() {
        given:
        offline = true
        manager.present = ['a'] as Set

        when:
        packages.install(['a', 'b'])
        packages.uninstall(['a'])

        then:
        manager.installs.isEmpty()
        !manager.calls.any { it.startsWith('uninstall') || it == 'update' }
    }

    def "already installed packages are never handed to install"() {
        given:
        manager.present = ['a', 'c'] as Set

        when:
        packages.install(['a', 'b', 'c', 'd'])

        then:
        manager.installs == [['b', 'd']]
    }

    def "one installed query is made per call, for all the names"() {
        when:
        packages.install(['a', 'b c'])

        then:
        manager.queries == [['a', 'b', 'c']]
        manager.calls.count { it.startsWith('installed') } == 1
    }

    def "the repositories are updated once per run, before the first real install"() {
        when:
        packages.install(['a'])
        packages.install(['b'])

        then:
        manager.calls == ['installed a', 'update', 'install a', 'installed b', 'install b']
    }

    def "the repositories are not updated when everything is already installed"() {
        given:
        manager.present = ['a', 'b'] as Set

        when:
        packages.install(['a', 'b'])

        then:
        manager.calls == ['installed a b']
    }

    def "an install after an all-installed call still updates first"() {
        given:
        manager.present = ['a'] as Set

        when:
        packages.install(['a'])
        packages.install(['b'])

        then:
        manager.calls == ['installed a', 'installed b', 'update', 'install b']
    }

    def "the skip flag (NO_UPDATE_REPOS or OFFLINE) means no repository update at all"() {
        given:
        skipUpdate = true

        when:
        packages.install(['a'])
        packages.updateRepositories(false)
        packages.updateRepositories(true)

        then:
        manager.calls == ['installed a', 'install a']
    }

    def "the skip flag is read when it matters, not when Packages is built"() {
        when:
        packages.install(['a'])
        skipUpdate = true
        packages.updateRepositories(true)

        then:
        manager.calls.count { it == 'update' } == 1
    }

    def "a failed install is retried once after a forced update"() {
        given:
        manager.failingInstalls = 1

        when:
        packages.install(['x'])

        then:
        manager.calls == ['installed x', 'update', 'install x', 'update', 'install x']
        manager.present == ['x'] as Set
        err.toString().contains('retrying')
    }

    def "a second failure propagates with the command, its code and its lines"() {
        given:
        manager.failingInstalls = 2

        when:
        packages.install(['x'])

        then:
        CommandFailedException e = thrown()
        e.command() == 'apt-get install x'
        e.commandExitCode() == 100
        e.lastLines() == ['E: boom']
        manager.installs == [['x'], ['x']]
        manager.calls.count { it == 'update' } == 2
    }

    def "a retry forces the update even after the run's update was done"() {
        given:
        packages.install(['a'])
        manager.failingInstalls = 1

        when:
        packages.install(['b'])

        then:
        manager.calls == ['installed a', 'update', 'install a', 'installed b', 'install b', 'update', 'install b']
    }

    def "the invalid name #named in #bad is rejected, naming it, before the manager is called"() {
        when:
        packages.install(['good', bad])

        then:
        DevstackException e = thrown()
        e.message.contains("'${named}'")
        manager.calls.isEmpty()

        where:
        bad        || named
        '-rf'      || '-rf'
        '--force'  || '--force'
        'a;b'      || 'a;b'
        '$(x)'     || '$(x)'
        '`x`'      || '`x`'
        'a|b'      || 'a|b'
        'a&&b'     || 'a&&b'
        '>x'       || '>x'
        '*'        || '*'
        '../x'     || '../x'
        'a/b'      || 'a/b'
        'x -y'     || '-y'
    }

    def "#text is #count valid name(s)"() {
        when:
        packages.install([text])

        then:
        manager.installs == [names]

        where:
        text                          || names
        'a b'                         || ['a', 'b']
        '  a\tb  '                    || ['a', 'b']
        'libvirt-daemon-system'       || ['libvirt-daemon-system']
        'g++ python3.12 libc6:amd64'  || ['g++', 'python3.12', 'libc6:amd64']
        'nginx=1.24.0-2ubuntu7'       || ['nginx=1.24.0-2ubuntu7']

        count = names.size()
    }

    def "duplicates are dropped, keeping first-seen order"() {
        when:
        packages.install(['b', 'a', 'b a', 'c'])

        then:
        manager.queries == [['b', 'a', 'c']]
        manager.installs == [['b', 'a', 'c']]
    }

    def "no names, or only blanks, do nothing at all"() {
        when:
        packages.install(names)

        then:
        manager.calls.isEmpty()

        where:
        names << [[], [''], ['  ']]
    }

    def "isInstalled is false for no names, without asking the manager"() {
        expect:
        !packages.isInstalled([])
        !packages.isInstalled([' '])
        manager.calls.isEmpty()
    }

    def "isInstalled is true only if every name is installed"() {
        given:
        manager.present = ['a', 'b'] as Set

        expect:
        packages.isInstalled(['a'])
        packages.isInstalled(['a b'])
        !packages.isInstalled(['a', 'c'])
        manager.queries == [['a'], ['a', 'b'], ['a', 'c']]
    }

    def "isInstalled validates names too"() {
        when:
        packages.isInstalled(['-rf'])

        then:
        thrown(DevstackException)
        manager.calls.isEmpty()
    }

    def "uninstall removes only the installed packages"() {
        given:
        manager.present = ['a'] as Set

        when:
        packages.uninstall(['a', 'b'])
        packages.uninstall(['b'])

        then:
        manager.calls == ['installed a b', 'uninstall a', 'installed b']
    }
}
