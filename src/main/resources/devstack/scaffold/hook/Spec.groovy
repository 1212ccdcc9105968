@PACKAGE@import devstack.plugintest.Distro
import devstack.plugintest.PluginTest
import spock.lang.Specification

/**
 * extras.d/@NUMBER@-@NAME@.groovy and lib/@NAME@.groovy, tested with the plugin test kit: each run is recorded on a
 * machine that only pretends, so no root is needed and nothing on this machine changes.
 *
 * Run it from the tree: @RUN@
 */
class @CLASS@HookSpec extends Specification {
    static final String CONF = '/opt/stack/data/@NAME@/@NAME@.conf'

    /** The hook with its library, and the service @NAME@ enabled. */
    PluginTest hook() {
        PluginTest.hook('extras.d/@NUMBER@-@NAME@.groovy')
                .library('lib/@NAME@.groovy')
                .services('@NAME@')
    }

    def "stack creates the service's directory and writes its configuration, and installs nothing itself"() {
        when:
        def run = hook().stack()

        then:
        run.succeeded()
        run.packagesInstalled().isEmpty()
        run.shellCommands() == ['mkdir -p "/opt/stack/data/@NAME@"']
        run.ini(CONF) == [DEFAULT: [data_dir: '/opt/stack/data/@NAME@', debug: 'False']]
        run.mode(CONF) == '0644'
        run.summary().containsAll(['Installing @NAME@', 'Configuring @NAME@'])
    }

    def "stack installs the packages of files/debs/@NAME@ (files/rpms/@NAME@) on #distro"() {
        when: 'with the package lists of the tree'
        def run = hook().files('files').on(distro).stack()

        then:
        run.succeeded()
        run.packagesInstalled().contains('jq')

        where:
        distro << [Distro.DEBIAN_12, Distro.UBUNTU_24_04, Distro.FEDORA_40]
    }

    def "@VARIABLE@_DEBUG=#value in local.conf writes debug = #debug"() {
        when:
        def run = hook().set('@VARIABLE@_DEBUG', value).stack()

        then:
        run.ini(CONF)['DEFAULT']['debug'] == debug

        where:
        value   | debug
        'True'  | 'True'
        'yes'   | 'True'
        'False' | 'False'
        'maybe' | 'False'
    }

    def "@VARIABLE@_DIR in local.conf moves the service's data"() {
        when:
        def run = hook().set('@VARIABLE@_DIR', '/srv/@NAME@').stack()

        then:
        run.shellCommands() == ['mkdir -p "/srv/@NAME@"']
        run.ini('/srv/@NAME@/@NAME@.conf')['DEFAULT']['data_dir'] == '/srv/@NAME@'
    }

    def "clean removes the service's directory"() {
        when:
        def run = hook().clean()

        then:
        run.succeeded()
        run.shellCommands() == ['rm -rf "/opt/stack/data/@NAME@"']
    }

    def "a disabled @NAME@ does nothing"() {
        when:
        def run = hook().files('files').services('').stack()

        then:
        run.succeeded()
        run.shellCommands().isEmpty()
        run.file(CONF) == null
        !run.packagesInstalled().contains('jq')
    }
}
