package devstack.plugin

import devstack.script.PluginScript
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** SPEC §1: every plugin compiled and validated before the first phase. */
class PluginSetSpec extends Specification {
    @TempDir
    Path top

    private void file(String relative, String text) {
        Path path = top.resolve(relative)
        Files.createDirectories(path.parent)
        Files.writeString(path, text)
    }

    private PluginSet load() {
        PluginSet.load(PluginTree.discover(top, {}), new PluginCompiler(PluginScript))
    }

    private static String hypervisor(List<String> functions) {
        functions.collect { "def $it() {}" }.join('\n')
    }

    def "a hypervisor plugin that defines the five functions is valid"() {
        given:
        file('nova_plugins/hypervisor-ok.groovy', hypervisor(PluginSet.HYPERVISOR_FUNCTIONS))

        expect:
        load().hypervisor('ok').isPresent()
        load().drivers() == ['ok'] as Set
    }

    def "a hypervisor plugin without #missing is rejected, naming the file and what is missing"() {
        given:
        file('nova_plugins/hypervisor-bad.groovy', hypervisor(PluginSet.HYPERVISOR_FUNCTIONS - missing))

        when:
        load()

        then:
        PluginException e = thrown()
        e.message.startsWith('nova_plugins/hypervisor-bad.groovy: ')
        e.message.endsWith("missing: ${missing.join(', ')}")

        where:
        missing << [['install_nova_hypervisor'], ['cleanup_nova_hypervisor', 'stop_nova_hypervisor'],
                    PluginSet.HYPERVISOR_FUNCTIONS.sort(false)]
    }

    def "every hypervisor plugin is validated, not only the one VIRT_DRIVER picks"() {
        given:
        file('nova_plugins/hypervisor-ok.groovy', hypervisor(PluginSet.HYPERVISOR_FUNCTIONS))
        file('nova_plugins/hypervisor-unused.groovy', '// nothing yet')

        when:
        load()

        then:
        PluginException e = thrown()
        e.message.contains('hypervisor-unused.groovy')
    }

    def "libraries are compiled in advance and found by path"() {
        given:
        file('lib/template.groovy', 'def install_template() {}')

        expect:
        load().library(top.resolve('lib/../lib/template.groovy')).get().functions() == ['install_template'] as Set
    }

    def "check records each file's problems under its name, syntax errors and missing functions together"() {
        given:
        file('extras.d/50-ok.groovy', '// fine')
        file('extras.d/60-broken.groovy', 'if (')
        file('nova_plugins/hypervisor-half.groovy', hypervisor(['install_nova_hypervisor']))
        file('lib/bad.groovy', 'def f( {')
        def check = new PluginCheck(new PluginCompiler(PluginScript))

        when:
        PluginSet set = PluginSet.check(PluginTree.discover(top, {}), check)

        then:
        set.hooks()*.source()*.displayName() == ['extras.d/50-ok.groovy']
        check.problems('extras.d/50-ok.groovy').isEmpty()
        check.problems('extras.d/60-broken.groovy').size() == 1
        check.problems('extras.d/60-broken.groovy')[0].startsWith('extras.d/60-broken.groovy:1:')
        check.problems('nova_plugins/hypervisor-half.groovy')[0].contains('missing: cleanup_nova_hypervisor')
        check.problems('lib/bad.groovy')[0].startsWith('lib/bad.groovy:1:')

        when:
        check.throwIfAny()

        then:
        PluginException e = thrown()
        e.message.readLines().size() == 3
        e.hint() == 'fix the plugins above; nothing was run'
    }
}
