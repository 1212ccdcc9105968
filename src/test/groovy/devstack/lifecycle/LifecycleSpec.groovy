package devstack.lifecycle

import devstack.testkit.Cli
import devstack.testkit.Tree
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** SPEC §2: the phases, their arguments and the hypervisor calls of stack, unstack and clean, end to end. */
class LifecycleSpec extends Specification {
    @TempDir
    Path dir

    Tree tree

    def setup() {
        tree = new Tree(dir).probeHook().probeHypervisor()
    }

    def "stack passes every phase to the hooks and calls the hypervisor plugin at its points"() {
        given:
        tree.localConf('VIRT_DRIVER=probe\nENABLED_SERVICES=n-cpu')

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 0
        tree.probed() == [
                'hypervisor loaded',
                'hook source',
                'hook stack pre-install',
                'hypervisor install_nova_hypervisor',
                'hypervisor configure_nova_hypervisor',
                'hook stack install',
                'hook stack post-config',
                'hypervisor start_nova_hypervisor',
                'hook stack extra',
                'hook stack test-config',
        ]
        run.out.readLines().last() ==~ /stack\.sh completed in \d+\.\d seconds\./
    }

    def "unstack runs the source phase, then the unstack hooks, then stops the hypervisor"() {
        given:
        tree.localConf('VIRT_DRIVER=probe\nENABLED_SERVICES=n-cpu')

        when:
        def run = Cli.run(tree.root, 'unstack')

        then:
        run.exitCode == 0
        tree.probed() == ['hypervisor loaded', 'hook source', 'hook unstack', 'hypervisor stop_nova_hypervisor']
    }

    def "clean does what unstack --all does with one source phase, then the clean hooks and the cleanup"() {
        given:
        tree.localConf('VIRT_DRIVER=probe\nENABLED_SERVICES=n-cpu')

        when:
        def run = Cli.run(tree.root, 'clean')

        then:
        run.exitCode == 0
        tree.probed() == ['hypervisor loaded', 'hook source', 'hook unstack', 'hypervisor stop_nova_hypervisor',
                          'hook clean', 'hypervisor cleanup_nova_hypervisor']
    }

    def "unstack --all and clean tell the hooks UNSTACK_ALL=True, plain unstack does not"() {
        given:
        tree.hook('60-all.groovy', '''if ($1 == 'unstack') { new File(PROBE_LOG) << "UNSTACK_ALL=$UNSTACK_ALL\\n" }''')
        tree.localConf('VIRT_DRIVER=probe\nENABLED_SERVICES=n-cpu')

        when:
        Cli.run(tree.root, *command)

        then:
        tree.probed().find { it.startsWith('UNSTACK_ALL') } == expected

        where:
        command                | expected
        ['unstack']            | 'UNSTACK_ALL='
        ['unstack', '--all']   | 'UNSTACK_ALL=True'
        ['unstack', '-a']      | 'UNSTACK_ALL=True'
        ['clean']              | 'UNSTACK_ALL=True'
    }

    def "the hypervisor functions run only under their service conditions"() {
        given:
        tree.localConf("VIRT_DRIVER=probe\nENABLED_SERVICES=$services")

        when:
        ['stack', 'unstack', 'clean'].each { assert Cli.run(tree.root, it).exitCode == 0 }

        then:
        tree.probed().findAll { it.startsWith('hypervisor') } == calls

        where:
        services        | calls
        'n-cpu'         | ['hypervisor loaded', 'hypervisor install_nova_hypervisor',
                           'hypervisor configure_nova_hypervisor', 'hypervisor start_nova_hypervisor',
                           'hypervisor loaded', 'hypervisor stop_nova_hypervisor',
                           'hypervisor loaded', 'hypervisor stop_nova_hypervisor',
                           'hypervisor cleanup_nova_hypervisor']
        'n-api'         | ['hypervisor loaded', 'hypervisor loaded', 'hypervisor loaded',
                           'hypervisor cleanup_nova_hypervisor']
        'template,key'  | []
    }

    def "hooks run in lexical order of file name"() {
        given:
        ['70-c.groovy', '05-a.groovy', '10-b.groovy'].each { name ->
            tree.hook(name, "if (\$1 == 'source') { new File(PROBE_LOG) << '$name\\n' }")
        }
        tree.localConf('ENABLED_SERVICES=template')

        when:
        Cli.run(tree.root, 'unstack')

        then:
        tree.probed().findAll { it.endsWith('.groovy') } == ['05-a.groovy', '10-b.groovy', '70-c.groovy']
    }

    def "a global assigned by one hook is visible to later hooks and later phases"() {
        given:
        tree.hook('10-set.groovy', "if (\$1 == 'source') { SHARED_ANSWER = 42 }")
        tree.hook('90-get.groovy', "new File(PROBE_LOG) << \"\${\$1} \$SHARED_ANSWER\\n\"")
        tree.localConf('ENABLED_SERVICES=template')

        when:
        Cli.run(tree.root, 'unstack')

        then:
        tree.probed().findAll { it.endsWith('42') } == ['source 42', 'unstack 42']
    }

    def "functions a library defines are callable by every later hook"() {
        given:
        tree.library('greet.groovy', "def greet(who) { new File(PROBE_LOG) << \"hello \$who from \${\$1}\\n\" }")
        tree.hook('10-load.groovy', "if (\$1 == 'source') { source 'lib/greet.groovy' }")
        tree.hook('20-use.groovy', "if (\$1 == 'unstack') { greet('world') }")
        tree.localConf('ENABLED_SERVICES=template')

        when:
        def run = Cli.run(tree.root, 'unstack')

        then:
        run.exitCode == 0
        tree.probed().contains('hello world from unstack')
    }

    def "two plugins may define a function of the same name, each calling its own"() {
        given:
        tree.hook('10-a.groovy', "def name() { 'a' }\nnew File(PROBE_LOG) << name() + '\\n'")
        tree.hook('20-b.groovy', "def name() { 'b' }\nnew File(PROBE_LOG) << name() + '\\n'")
        tree.localConf('ENABLED_SERVICES=template')

        when:
        Cli.run(tree.root, 'unstack')

        then:
        tree.probed().findAll { it.size() == 1 } == ['a', 'b', 'a', 'b']
    }

    def "clean removes the run's state directories and the nova configuration it generated"() {
        given:
        tree.localConf('VIRT_DRIVER=fake\nENABLED_SERVICES=n-cpu')
        tree.write('nova_plugins/hypervisor-fake.groovy', new File('nova_plugins/hypervisor-fake.groovy').text)
        assert Cli.run(tree.root, 'stack').exitCode == 0
        assert tree.novaConf.toFile().exists()

        when:
        def run = Cli.run(tree.root, 'clean')

        then:
        run.exitCode == 0
        !tree.dest.resolve('data').toFile().exists()
        !tree.dest.resolve('status').toFile().exists()
        !tree.dest.resolve('logs').toFile().exists()
        !tree.novaConf.toFile().exists()
        !tree.novaConf.parent.toFile().exists()
    }

    def "a plugin that puts a disabled service back by assignment fails at the end of the source phase"() {
        given:
        tree.hook('10-sneaky.groovy', "if (\$1 == 'source') { ENABLED_SERVICES += ',template' }")
        tree.localConf('ENABLED_SERVICES=n-cpu,template\nVIRT_DRIVER=probe\ndisable_service template')

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 2
        run.err.contains("ENABLED_SERVICES directly modified to overcome 'disable_service template'")
        tree.probed() == ['hypervisor loaded', 'hook source']
    }
}
