package devstack.shipped

import devstack.plugintest.PluginTest
import spock.lang.Specification

/** nova_plugins/hypervisor-fake.groovy with the test kit. */
class FakeHypervisorSpec extends Specification {
    def "configure points nova at the fake driver and lifts the quotas"() {
        when:
        def run = PluginTest.hypervisor('nova_plugins/hypervisor-fake.groovy').stack()

        then:
        run.succeeded()
        def nova = run.ini('/etc/nova/nova.conf')
        nova['DEFAULT']['compute_driver'] == 'fake.FakeDriver'
        nova['DEFAULT']['quota_instances'] == '-1'
        nova['DEFAULT'].keySet().count { it.startsWith('quota_') } == 11
        nova['filter_scheduler']['enabled_filters'].startsWith('RetryFilter,')
        run.directoriesCreated().contains('/etc/nova')
    }

    def "NOVA_CONF from local.conf is where the configuration goes"() {
        when:
        def run = PluginTest.hypervisor('nova_plugins/hypervisor-fake.groovy').set('NOVA_CONF', '/srv/nova.conf').stack()

        then:
        run.ini('/srv/nova.conf')['DEFAULT']['compute_driver'] == 'fake.FakeDriver'
        run.file('/etc/nova/nova.conf') == null
    }

    def "without n-cpu the plugin configures nothing"() {
        when:
        def run = PluginTest.hypervisor('nova_plugins/hypervisor-fake.groovy').services('n-api').stack()

        then:
        run.succeeded()
        run.filesWritten().isEmpty()
    }

    def "clean removes nova.conf and its directory, which the stack before created, as the core does for every driver"() {
        given:
        def test = PluginTest.hypervisor('nova_plugins/hypervisor-fake.groovy')
                .file('/etc/nova/nova.conf', '[DEFAULT]\ncompute_driver = fake.FakeDriver\n')
                .created('/etc/nova')

        when:
        def run = test.clean()

        then:
        run.succeeded()
        run.removed().containsAll(['/etc/nova/nova.conf', '/etc/nova'])
    }

    def "clean leaves a nova.conf that no stack created, and says so"() {
        when:
        def run = PluginTest.hypervisor('nova_plugins/hypervisor-fake.groovy')
                .file('/etc/nova/nova.conf', '[DEFAULT]\n').clean()

        then:
        run.succeeded()
        run.removed().isEmpty()
        run.warnings() == ['clean: NOVA_CONF (/etc/nova/nova.conf) was not created by devstack; it is left as it is']
    }
}
