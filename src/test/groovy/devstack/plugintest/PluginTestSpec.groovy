package devstack.plugintest

import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** The plugin test kit itself: what a plugin author can set up, run and assert on. */
class PluginTestSpec extends Specification {
    @TempDir
    Path dir

    Path hook(String body) {
        Path file = dir.resolve('50-under-test.groovy')
        Files.writeString(file, body)
        file
    }

    def "a misspelt helper stops the run before its first phase, as stack does, naming the file, line and column"() {
        when:
        def run = PluginTest.hook(hook("if (\$1 == 'stack' && \$2 == 'install') {\n    install_pakage 'jq'\n}\n")).stack()

        then:
        !run.succeeded()
        run.exitCode() == 2
        run.failure().get().message == ('extras.d/50-under-test.groovy:2:5: no helper or function named install_pakage; '
                + 'did you mean install_package?')
        run.commands().isEmpty()
        run.packagesInstalled().isEmpty()
    }

    def "a read-only command the test does not answer fails loudly, and an answer is used"() {
        given:
        def test = PluginTest.hook(hook('''
if ($1 == 'stack' && $2 == 'install') {
    if (!succeeds('getent group libvirt')) {
        sh 'groupadd libvirt'
    }
    DOMAINS = query('virsh list --name')
}
if ($1 == 'stack' && $2 == 'extra') {
    echo_summary "domains: $DOMAINS"
}'''))

        when:
        def unanswered = test.stack()

        then:
        unanswered.failure().get().message.contains("no answer for the read-only command 'getent group libvirt'")

        when:
        def run = test.answer('getent group libvirt', 2, '').answer('virsh list .*', 'vm1\nvm2').stack()

        then:
        run.succeeded()
        run.shellCommands() == ['groupadd libvirt']
        run.summary().contains('domains: vm1\nvm2'.readLines()[0])
    }

    def "a command substitution in localrc is answered by the test too"() {
        when:
        def run = PluginTest.hook(hook("if (\$1 == 'stack' && \$2 == 'extra') { echo_summary \"ip: \$HOST_IP\" }"))
                .localrc('HOST_IP=$(hostname -I | cut -d" " -f1)')
                .answer('hostname -I.*', '10.0.0.5')
                .stack()

        then:
        run.summary().contains('ip: 10.0.0.5')
    }

    def "the machine it pretends to be: #distro is_ubuntu=#ubuntu is_fedora=#fedora"() {
        when:
        def run = PluginTest.hook(hook('''
if ($1 == 'stack' && $2 == 'install') { echo_summary "${is_ubuntu()} ${is_fedora()} $DISTRO ${is_arch('aarch64')}" }'''))
                .on(distro).arch('aarch64').stack()

        then:
        run.summary().contains("$ubuntu $fedora $codename true".toString())

        where:
        distro                 | ubuntu | fedora | codename
        Distro.DEBIAN_12       | true   | false  | 'bookworm'
        Distro.UBUNTU_24_04    | true   | false  | 'noble'
        Distro.FEDORA_40       | false  | true   | 'f40'
    }

    def "a user who is not root: sudo and -sudo edits go through sudo, files keep their modes"() {
        when:
        def run = PluginTest.hook(hook('''
if ($1 == 'stack' && $2 == 'install') {
    sudo 'mkdir -p /etc/thing'
    iniset '-sudo', '/etc/thing/thing.conf', 'DEFAULT', 'debug', 'True'
    iniset '-sudo', '/etc/existing.conf', 'DEFAULT', 'debug', 'True'
    write_file '/tmp/x.sh', 'echo x', '0750'
}'''))
                .asUser()
                .file('/etc/existing.conf', '[DEFAULT]\ndebug = False\n', '0640')
                .stack()

        then:
        run.succeeded()
        run.commands().contains('sudo -E /bin/sh -c mkdir -p /etc/thing')
        run.ini('/etc/thing/thing.conf') == [DEFAULT: [debug: 'True']]
        run.mode('/etc/existing.conf') == '0640'
        run.file('/etc/existing.conf') == '[DEFAULT]\ndebug = True\n'
        run.mode('/tmp/x.sh') == '0750'
    }

    def "one phase alone runs after source, with the core's step of that phase"() {
        when:
        def run = PluginTest.hypervisor('nova_plugins/hypervisor-fake.groovy').phase('stack', 'install')

        then:
        run.succeeded()
        run.ini('/etc/nova/nova.conf')['DEFAULT']['compute_driver'] == 'fake.FakeDriver'
        run.plan().phases() == ['', 'source', 'stack install']
    }

    def "an external plugin runs with its settings, override-defaults and libraries, read from its directory"() {
        given:
        Path repo = dir.resolve('foo')
        Files.createDirectories(repo.resolve('devstack/lib'))
        Files.writeString(repo.resolve('devstack/override-defaults.groovy'), "FOO_PORT = FOO_PORT ?: '8080'\n")
        Files.writeString(repo.resolve('devstack/settings.groovy'), "define_plugin 'foo'\nenable_service 'foo'\n")
        Files.writeString(repo.resolve('devstack/lib/foo.groovy'), "def configure_foo() { iniset '/etc/foo/foo.conf', 'DEFAULT', 'port', FOO_PORT }\n")
        Files.writeString(repo.resolve('devstack/plugin.groovy'), '''
source "$DEST/foo/devstack/lib/foo.groovy"
if (is_service_enabled('foo') && $1 == 'stack' && $2 == 'post-config') { configure_foo() }
''')

        when:
        def run = PluginTest.externalPlugin('foo', repo).set('FOO_PORT', '9090').stack()

        then:
        run.succeeded()
        run.ini('/etc/foo/foo.conf') == [DEFAULT: [port: '9090']]
        run.clones() == ['/opt/stack/foo']
    }

    def "warnings, errors and error.log lines are recorded"() {
        when:
        def run = PluginTest.hook(hook("if (\$1 == 'stack' && \$2 == 'install') { warn 'careful'; err 'broken' }"))
                .stack()

        then:
        run.warnings() == ['extras.d/50-under-test.groovy:1 careful']
        run.errors() == ['extras.d/50-under-test.groovy:1 broken']
        run.errorLog() == ['[ERROR] extras.d/50-under-test.groovy:1 broken']
    }

    def "a golden file that differs fails with a diff, and the switch writes it anew"() {
        given:
        Path golden = dir.resolve('golden.txt')
        Files.writeString(golden, '# stack\nsomething else\n')
        def test = PluginTest.hook(hook("if (\$1 == 'stack' && \$2 == 'install') { sh 'true' }"))

        when:
        test.stack().matchesGolden(golden)

        then:
        AssertionError e = thrown()
        e.message.contains('-something else')
        e.message.contains('+stack install | run | /bin/sh -c true')

        when:
        System.setProperty(GoldenFile.UPDATE_PROPERTY, 'true')
        test.stack().matchesGolden(golden)
        System.clearProperty(GoldenFile.UPDATE_PROPERTY)
        test.stack().matchesGolden(golden)

        then:
        Files.readString(golden).contains('stack install | run | /bin/sh -c true')

        cleanup:
        System.clearProperty(GoldenFile.UPDATE_PROPERTY)
    }

    def "the real program on a real tree: a dry run, through the real-run helper"() {
        given:
        Path tree = dir.resolve('tree')
        Files.createDirectories(tree.resolve('extras.d'))
        Files.writeString(tree.resolve('extras.d/50-x.groovy'), "if (\$1 == 'stack' && \$2 == 'install') { sh 'touch /nonexistent-file' }\n")
        Files.writeString(tree.resolve('local.conf'), "[[local|localrc]]\nDEST=$dir/dest\nENABLED_SERVICES=x\n")

        when:
        def result = RealRun.in(tree).run('stack', '--dry-run')

        then:
        result.exitCode() == 0
        result.stdout().contains('[dry-run] would run: /bin/sh -c touch /nonexistent-file')
        !Files.exists(dir.resolve('dest'))
    }
}
