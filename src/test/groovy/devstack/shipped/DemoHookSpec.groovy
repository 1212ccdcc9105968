package devstack.shipped

import devstack.plugintest.PluginTest
import spock.lang.Specification

/** extras.d/60-demo.groovy with the test kit: the service program, its process, and what unstack and clean do. */
class DemoHookSpec extends Specification {
    PluginTest demo() {
        PluginTest.hook('extras.d/60-demo.groovy')
                .library('lib/demo.groovy')
                .services('demo')
    }

    def "stack writes the service program (mode 0755) and starts it with run_process"() {
        when:
        def run = demo().set('DEMO_INTERVAL', '2').stack()

        then:
        run.succeeded()
        run.mode('/opt/stack/data/demo/demo-service.sh') == '0755'
        run.file('/opt/stack/data/demo/demo-service.sh').startsWith('#!/bin/sh\n')
        run.processCommands() == [demo: "'/opt/stack/data/demo/demo-service.sh' '2' '/opt/stack/data/demo/heartbeat'"]
    }

    def "unstack stops the running service once, whether the hook or the core gets to it first"() {
        when:
        def run = demo().service('demo', true).unstack()

        then:
        run.succeeded()
        run.processesStopped() == ['demo']
    }

    def "stack starts the service anew when it is still running"() {
        when:
        def run = demo().service('demo', true).stack()

        then:
        run.processesStopped() == ['demo']
        run.processesStarted() == ['demo']
    }

    def "a service that died is reported by service_check at the end of stack"() {
        given: 'a dead service of another hook, still enabled'
        def test = demo().services('demo,other').service('other', false)

        when:
        def run = test.stack()

        then:
        !run.succeeded()
        run.failure().get().phase == 'stack test-config'
        run.failure().get().message.contains('died: other')
    }
}
