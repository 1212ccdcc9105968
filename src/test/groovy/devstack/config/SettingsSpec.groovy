package devstack.config

import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.util.function.Consumer

/** The configuration of a run (SPEC §3) and trueorfalse (SPEC §4, reference §4.2). */
class SettingsSpec extends Specification {

    @TempDir
    Path top

    List<String> warnings = []
    List<String> substitutions = []

    Settings load(Map<String, String> environment = [:]) {
        Settings.load(top, environment, { String line -> warnings << line } as Consumer<String>,
                { String command, Map childEnvironment ->
                    substitutions << command
                    'substituted'
                } as Localrc.CommandSubstitution)
    }

    void localConf(String text) {
        Files.writeString(top.resolve('local.conf'), text)
    }

    void localrcFile(String text) {
        Files.writeString(top.resolve('localrc'), text)
    }

    def "with no configuration the defaults are our stackrc's: #name=#expected"() {
        when:
        Settings settings = load()

        then:
        settings.get(name) == expected.replace('@TOP@', top.toString())

        where:
        name                || expected
        'DEST'              || '/opt/stack'
        'DATA_DIR'          || '/opt/stack/data'
        'SERVICE_DIR'       || '/opt/stack/status'
        'LOGDIR'            || '/opt/stack/logs'
        'LOGFILE'           || '/opt/stack/logs/stack.sh.log'
        'LOGDAYS'           || '7'
        'FILES'             || '@TOP@/files'
        'TOP_DIR'           || '@TOP@'
        'NOVA_CONF'         || '/etc/nova/nova.conf'
        'VIRT_DRIVER'       || 'fake'
        'VERBOSE'           || 'True'
        'ENABLED_SERVICES'  || 'n-cpu,template,demo'
        'DISABLED_SERVICES' || ''
        'STACK_USER'        || System.getProperty('user.name')
    }

    def "precedence is defaults < environment < [[local|localrc]]: env #env, localrc #fromLocalrc gives #expected"() {
        given:
        if (fromLocalrc != null) {
            localConf("[[local|localrc]]\n${name}=${fromLocalrc}\n")
        }
        Map<String, String> environment = env == null ? [:] : [(name): env]

        when:
        Settings settings = load(environment)

        then:
        settings.get(name) == expected

        where:
        name          | env        | fromLocalrc || expected
        'VIRT_DRIVER' | null       | null        || 'fake'
        'VIRT_DRIVER' | 'libvirt'  | null        || 'libvirt'
        'VIRT_DRIVER' | null       | 'ironic'    || 'ironic'
        'VIRT_DRIVER' | 'libvirt'  | 'ironic'    || 'ironic'
        'DEST'        | '/env'     | null        || '/env'
        'DEST'        | '/env'     | '/conf'     || '/conf'
        'NOVA_CONF'   | '/e/n.c'   | null        || '/e/n.c'
        'LOGDAYS'     | '3'        | '2'         || '2'
    }

    def "localrc sees environment variables and the early defaults"() {
        given:
        localConf('[[local|localrc]]\nA=$HOME_ISH/x\nB=$DEST/y\n')

        when:
        Settings settings = load([HOME_ISH: '/home/me'])

        then:
        settings.get('A') == '/home/me/x'
        settings.get('B') == '/opt/stack/y'
    }

    def "DEST alone moves DATA_DIR, SERVICE_DIR, LOGDIR and LOGFILE with it, from #source"() {
        given:
        Map<String, String> environment = [:]
        if (source == 'localrc') {
            localConf('[[local|localrc]]\nDEST=/srv/x\n')
        } else {
            environment.DEST = '/srv/x'
        }

        when:
        Settings settings = load(environment)

        then:
        settings.get('DATA_DIR') == '/srv/x/data'
        settings.get('SERVICE_DIR') == '/srv/x/status'
        settings.get('LOGDIR') == '/srv/x/logs'
        settings.get('LOGFILE') == '/srv/x/logs/stack.sh.log'

        where:
        source << ['localrc', 'environment']
    }

    def "a derived setting given explicitly is kept while DEST moves the others"() {
        given:
        localConf('[[local|localrc]]\nDEST=/srv/x\nDATA_DIR=/data\n')

        when:
        Settings settings = load()

        then:
        settings.get('DATA_DIR') == '/data'
        settings.get('SERVICE_DIR') == '/srv/x/status'
    }

    def "a fully qualified LOGFILE sets LOGDIR"() {
        given:
        localConf('[[local|localrc]]\nLOGFILE=/var/log/devstack/stack.sh.log\n')

        when:
        Settings settings = load()

        then:
        settings.get('LOGDIR') == '/var/log/devstack'
        settings.get('LOGFILE') == '/var/log/devstack/stack.sh.log'
    }

    def "LOGDIR given without LOGFILE decides where LOGFILE goes"() {
        given:
        localConf('[[local|localrc]]\nLOGDIR=/var/log/ds\n')

        when:
        Settings settings = load()

        then:
        settings.get('LOGFILE') == '/var/log/ds/stack.sh.log'
    }

    def "a standalone localrc next to a [[local|other]] block only is no conflict; the block gets its own warning"() {
        given:
        localConf('[[local|other]]\nIGNORED=1\n')
        localrcFile('VIRT_DRIVER=from-localrc\n')

        when:
        Settings settings = load()

        then:
        settings.get('VIRT_DRIVER') == 'from-localrc'
        warnings == ['local.conf:1: [[local|other]] is ignored: the local group has only [[local|localrc]]']
    }

    def "[[local|lcoalrc]] is ignored with a warning naming its line"() {
        given:
        localConf('# mine\n[[local|lcoalrc]]\nDEST=/srv/stack\n')

        when:
        Settings settings = load()

        then:
        warnings == ['local.conf:2: [[local|lcoalrc]] is ignored: the local group has only [[local|localrc]]']
        settings.get('DEST') == '/opt/stack'
    }

    def "a #name that is a #what stops loading instead of falling back to the defaults"() {
        given:
        make(top.resolve(name))

        when:
        load()

        then:
        ConfigurationException e = thrown()
        e.exitCode() == 2
        e.message.startsWith("${top.resolve(name)} is a")

        where:
        name         | what               | make
        'local.conf' | 'directory'        | { Path f -> Files.createDirectory(f) }
        'local.conf' | 'dangling symlink' | { Path f -> Files.createSymbolicLink(f, Path.of('nowhere')) }
        'localrc'    | 'directory'        | { Path f -> Files.createDirectory(f) }
        'localrc'    | 'dangling symlink' | { Path f -> Files.createSymbolicLink(f, Path.of('nowhere')) }
    }

    def "a relative #name given in local.conf is an error naming its line: #value"() {
        given:
        localConf("# mine\n[[local|localrc]]\nA=1\n${name}=${value}\n")

        when:
        load()

        then:
        ConfigurationException e = thrown()
        e.exitCode() == 2
        e.message == "local.conf:4: ${name}=${value} is not an absolute path"
        e.hint().contains('absolute paths (e.g. DEST=/opt/stack)')

        where:
        name          | value
        'DEST'        | 'reldest'
        'DEST'        | ''
        'DEST'        | './stack'
        'DATA_DIR'    | 'data'
        'SERVICE_DIR' | 'status'
        'LOGDIR'      | 'logs'
        'LOGFILE'     | 'stack.log'
        'FILES'       | 'files'
        'NOVA_CONF'   | 'nova.conf'
    }

    def "a relative #name from the environment is an error that says it came from the environment"() {
        when:
        load([(name): 'relative/dir'])

        then:
        ConfigurationException e = thrown()
        e.exitCode() == 2
        e.message == "${name}=relative/dir (from the environment) is not an absolute path"

        where:
        name << ['DEST', 'DATA_DIR', 'SERVICE_DIR', 'LOGDIR', 'FILES']
    }

    def "a relative default is reported with the setting it was derived from: #given"() {
        given:
        localConf("[[local|localrc]]\n${given}\n")

        when:
        load()

        then:
        ConfigurationException e = thrown()
        e.message == message

        where:
        given                        || message
        'LOGFILE=logs/stack.sh.log'  || 'local.conf:2: LOGDIR=logs (derived from LOGFILE=logs/stack.sh.log) is not an absolute path'
        'NOVA_CONF_DIR=etc/nova'     || 'local.conf:2: NOVA_CONF=etc/nova/nova.conf (derived from NOVA_CONF_DIR=etc/nova) is not an absolute path'
    }

    def "a relative value fixed by a later localrc line, and ~ expanded to HOME, are fine"() {
        given:
        localConf('[[local|localrc]]\nDEST=stack\nDEST=/srv/$DEST\nDATA_DIR=~/data\n')

        when:
        Settings settings = load([HOME: '/home/me'])

        then:
        settings.get('DEST') == '/srv/stack'
        settings.get('DATA_DIR') == '/home/me/data'
    }

    def "a standalone localrc wins completely over [[local|localrc]], with a warning"() {
        given:
        localConf('[[local|localrc]]\nVIRT_DRIVER=from-local-conf\nONLY_IN_LOCAL_CONF=1\nenable_service conf-svc\n')
        localrcFile('VIRT_DRIVER=from-localrc\n')

        when:
        Settings settings = load()

        then:
        settings.get('VIRT_DRIVER') == 'from-localrc'
        !settings.variables().isSet('ONLY_IN_LOCAL_CONF')
        !settings.services().isEnabled('conf-svc')
        warnings == ['localrc and local.conf:[[local]] both exist, using localrc']
    }

    def "a standalone localrc alone is used without a warning"() {
        given:
        localrcFile('VIRT_DRIVER=from-localrc\n')

        when:
        Settings settings = load()

        then:
        settings.get('VIRT_DRIVER') == 'from-localrc'
        warnings.isEmpty()
        !settings.localConf().isPresent()
    }

    def "a standalone localrc with a local.conf that has no [[local|localrc]] block does not warn"() {
        given:
        localConf('[[post-config|$NOVA_CONF]]\n[DEFAULT]\nfoo = bar\n')
        localrcFile('VIRT_DRIVER=from-localrc\n')

        when:
        Settings settings = load()

        then:
        settings.get('VIRT_DRIVER') == 'from-localrc'
        warnings.isEmpty()
        settings.localConf().isPresent()
    }

    def "only [[local|localrc]] is evaluated; other blocks are not shell"() {
        given:
        localConf('''\
            |[[local|other]]
            |VIRT_DRIVER=from-other
            |[[post-config|$NOVA_CONF]]
            |[DEFAULT]
            |compute_driver = fake.FakeDriver
            |[[local|localrc]]
            |A=1
            |'''.stripMargin())

        when:
        Settings settings = load()

        then:
        settings.get('VIRT_DRIVER') == 'fake'
        settings.get('A') == '1'
        settings.localConf().get().sections('post-config').size() == 1
    }

    def "the default ENABLED_SERVICES is n-cpu,template,demo and localrc's service calls operate on it"() {
        given:
        localConf('[[local|localrc]]\nenable_service foo\ndisable_service template\n')

        when:
        Settings settings = load()

        then:
        settings.get('ENABLED_SERVICES') == 'n-cpu,demo,foo'
        settings.get('DISABLED_SERVICES') == 'template'
        Settings.DEFAULT_ENABLED_SERVICES == 'n-cpu,template,demo'
    }

    def "an environment ENABLED_SERVICES set to the empty string is kept"() {
        when:
        Settings settings = load([ENABLED_SERVICES: ''])

        then:
        settings.variables().isSet('ENABLED_SERVICES')
        settings.get('ENABLED_SERVICES') == ''
        !settings.services().isEnabled('n-cpu')
    }

    def "an environment ENABLED_SERVICES replaces the default and localrc edits it"() {
        given:
        localConf('[[local|localrc]]\nenable_service b\n')

        when:
        Settings settings = load([ENABLED_SERVICES: 'a'])

        then:
        settings.get('ENABLED_SERVICES') == 'a,b'
    }

    def "-name negations are applied once localrc has run"() {
        given:
        localConf('[[local|localrc]]\nENABLED_SERVICES=n-cpu,template,-template\n')

        when:
        Settings settings = load()

        then:
        settings.get('ENABLED_SERVICES') == 'n-cpu'
        settings.get('DISABLED_SERVICES') == ''
    }

    def "\$(command) in localrc is handed to the command-substitution callback"() {
        given:
        localConf('[[local|localrc]]\nHOST_IP=$(hostname -I)\n')

        when:
        Settings settings = load()

        then:
        substitutions == ['hostname -I']
        settings.get('HOST_IP') == 'substituted'
    }

    def "enable_plugin requests are kept in order with their ref and origin"() {
        given:
        localConf('''\
            |[[local|localrc]]
            |enable_plugin heat https://opendev.org/openstack/heat
            |enable_plugin ironic https://opendev.org/openstack/ironic stable/2024.1
            |'''.stripMargin())

        when:
        Settings settings = load()

        then:
        settings.plugins() == [
                new Settings.PluginRequest('heat', 'https://opendev.org/openstack/heat', 'master', 'local.conf:2',
                        Path.of('/opt/stack/heat')),
                new Settings.PluginRequest('ironic', 'https://opendev.org/openstack/ironic', 'stable/2024.1', 'local.conf:3',
                        Path.of('/opt/stack/ironic'))]
    }

    def "enabling a plugin twice is an error naming both lines"() {
        given:
        localConf('''\
            |[[local|localrc]]
            |enable_plugin heat https://opendev.org/openstack/heat
            |A=1
            |enable_plugin heat https://example.com/heat
            |'''.stripMargin())

        when:
        load()

        then:
        ConfigurationException e = thrown()
        e.message.startsWith('local.conf:4:')
        e.message.contains('first at local.conf:2')
        e.hint().contains('heat')
    }

    def "a bad localrc line stops loading with the file and line"() {
        given:
        localConf('# mine\n[[local|localrc]]\nA=1\nA=b c\n')

        when:
        load()

        then:
        ConfigurationException e = thrown()
        e.message.startsWith('local.conf:4:')
    }

    def "a bad line in a standalone localrc names localrc"() {
        given:
        localrcFile('A=1\nfrobnicate\n')

        when:
        load()

        then:
        ConfigurationException e = thrown()
        e.message.startsWith('localrc:2:')
    }

    def "the shipped local.conf.sample loads and gives the documented defaults"() {
        given:
        Path sample = Path.of('local.conf.sample')

        expect:
        Files.isRegularFile(sample)

        when:
        Files.copy(sample, top.resolve('local.conf'))
        Settings settings = load()

        then:
        settings.get('ENABLED_SERVICES') == Settings.DEFAULT_ENABLED_SERVICES
        settings.get('VIRT_DRIVER') == 'fake'
        settings.get('DEST') == '/opt/stack'
        warnings.isEmpty()
    }

    def "isTrue applies trueorfalse with the default False"() {
        given:
        localConf("[[local|localrc]]\nVERBOSE=${verbose}\n")

        expect:
        load().isTrue('VERBOSE') == expected

        where:
        verbose || expected
        'True'  || true
        'yes'   || true
        'False' || false
        'on'    || false
        '""'    || false
    }

    def "trueorfalse maps #value to #expected"() {
        expect:
        TrueOrFalse.normalize('DEFAULT', value) == expected

        where:
        value   || expected
        '1'     || 'True'
        'yes'   || 'True'
        'Yes'   || 'True'
        'YES'   || 'True'
        'true'  || 'True'
        'True'  || 'True'
        'TRUE'  || 'True'
        '0'     || 'False'
        'no'    || 'False'
        'No'    || 'False'
        'NO'    || 'False'
        'false' || 'False'
        'False' || 'False'
        'FALSE' || 'False'
        'on'    || 'DEFAULT'
        'off'   || 'DEFAULT'
        'y'     || 'DEFAULT'
        'n'     || 'DEFAULT'
        'yEs'   || 'DEFAULT'
        'tRUE'  || 'DEFAULT'
        'fALSE' || 'DEFAULT'
        '2'     || 'DEFAULT'
        ' True' || 'DEFAULT'
        'True ' || 'DEFAULT'
        ''      || 'DEFAULT'
    }

    def "trueorfalse returns the default verbatim, whatever it is"() {
        expect:
        TrueOrFalse.normalize(defaultValue, 'maybe') == defaultValue

        where:
        defaultValue << ['True', 'False', '', 'anything at all']
    }
}
