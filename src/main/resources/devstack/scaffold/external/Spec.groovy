import devstack.plugintest.Distro
import devstack.plugintest.PluginTest
import spock.lang.Specification

/**
 * The @NAME@ plugin, tested with devstack-groovy's plugin test kit: each run is recorded on a machine that only
 * pretends, so no root is needed and nothing on this machine changes. Run it with: mvn -B test
 */
class @CLASS@PluginSpec extends Specification {
    static final String CONF = '/opt/stack/data/@NAME@/@NAME@.conf'

    /** This repository, as local.conf's "enable_plugin @NAME@ <its URL>" brings it in. */
    PluginTest plugin() {
        PluginTest.externalPlugin('@NAME@', '.')
    }

    def "stack installs the plugin's packages, and nothing else, on #distro"() {
        when:
        def run = plugin().on(distro).stack()

        then:
        run.succeeded()
        run.packagesInstalled() == ['jq'] as Set

        where:
        distro << [Distro.DEBIAN_12, Distro.UBUNTU_24_04, Distro.FEDORA_40]
    }

    def "stack creates the service's directory and writes its configuration"() {
        when:
        def run = plugin().stack()

        then:
        run.succeeded()
        run.shellCommands() == ['mkdir -p "/opt/stack/data/@NAME@"']
        run.ini(CONF) == [DEFAULT: [data_dir: '/opt/stack/data/@NAME@', debug: 'False']]
        run.mode(CONF) == '0644'
        run.summary().containsAll(['Installing @NAME@', 'Configuring @NAME@'])
    }

    def "@VARIABLE@_DEBUG=#value in local.conf writes debug = #debug"() {
        when:
        def run = plugin().set('@VARIABLE@_DEBUG', value).stack()

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
        def run = plugin().set('@VARIABLE@_DIR', '/srv/@NAME@').stack()

        then:
        run.shellCommands() == ['mkdir -p "/srv/@NAME@"']
        run.ini('/srv/@NAME@/@NAME@.conf')['DEFAULT']['data_dir'] == '/srv/@NAME@'
    }

    def "clean removes the service's directory"() {
        when:
        def run = plugin().clean()

        then:
        run.succeeded()
        run.shellCommands() == ['rm -rf "/opt/stack/data/@NAME@"']
    }

    def "disable_service @NAME@ in local.conf keeps the plugin from doing anything but install its packages"() {
        when:
        def run = plugin().localrc('disable_service @NAME@').stack()

        then:
        run.succeeded()
        run.shellCommands().isEmpty()
        run.file(CONF) == null
    }
}
