@PACKAGE@import devstack.plugintest.PluginTest
import spock.lang.Specification

/**
 * nova_plugins/hypervisor-@NAME@.groovy, tested with the plugin test kit: each run is recorded on a machine that
 * only pretends, so no root is needed and nothing on this machine changes.
 *
 * Run it from the tree: @RUN@
 */
class @CLASS@HypervisorSpec extends Specification {
    static final String NOVA_CONF = '/etc/nova/nova.conf'

    /** The plugin as VIRT_DRIVER=@NAME@ loads it, with n-cpu enabled. */
    PluginTest hypervisor() {
        PluginTest.hypervisor('nova_plugins/hypervisor-@NAME@.groovy')
    }

    def "stack creates the instances directory and points nova at the driver"() {
        when:
        def run = hypervisor().stack()

        then:
        run.succeeded()
        run.shellCommands() == ['mkdir -p "/opt/stack/data/@NAME@/instances"']
        def nova = run.ini(NOVA_CONF)
        nova['DEFAULT']['compute_driver'] == '@FUNCTION@.@CLASS@Driver'
        nova['DEFAULT']['instances_path'] == '/opt/stack/data/@NAME@/instances'
    }

    def "@VARIABLE@_COMPUTE_DRIVER in local.conf picks another driver"() {
        when:
        def run = hypervisor().set('@VARIABLE@_COMPUTE_DRIVER', 'other.OtherDriver').stack()

        then:
        run.ini(NOVA_CONF)['DEFAULT']['compute_driver'] == 'other.OtherDriver'
    }

    def "without n-cpu nothing is installed or configured"() {
        when:
        def run = hypervisor().services('n-api').stack()

        then:
        run.succeeded()
        run.shellCommands().isEmpty()
        run.file(NOVA_CONF) == null
    }

    def "clean removes the hypervisor's state and nova.conf, which the stack before created"() {
        given:
        def test = hypervisor().file(NOVA_CONF, '[DEFAULT]\ncompute_driver = @FUNCTION@.@CLASS@Driver\n')
                .created('/etc/nova')

        when:
        def run = test.clean()

        then:
        run.succeeded()
        run.shellCommands() == ['rm -rf "/opt/stack/data/@NAME@"']
        run.removed().contains(NOVA_CONF)
    }
}
