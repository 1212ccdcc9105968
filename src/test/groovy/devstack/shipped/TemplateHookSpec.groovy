package devstack.shipped

import devstack.plugintest.Distro
import devstack.plugintest.PluginTest
import spock.lang.Specification

/** extras.d/50-template.groovy, tested as a plugin author tests a hook: with the test kit, without root. */
class TemplateHookSpec extends Specification {
    PluginTest template() {
        PluginTest.hook('extras.d/50-template.groovy')
                .library('lib/template.groovy')
                .files('files')
                .services('template')
    }

    def "stack installs cowsay once, with the prerequisites, and writes the template's configuration"() {
        when:
        def run = template().stack()

        then:
        run.succeeded()
        run.packagesInstalled() == ['git', 'cowsay'] as Set
        run.plan().effects(devstack.plan.Plan.Kind.INSTALL).size() == 1
        run.ini('/opt/stack/data/template/template.conf') == [DEFAULT: [
                greeting: 'Hello from the template plugin', data_dir: '/opt/stack/data/template']]
        run.summary().containsAll(['Configuring system services Template', 'Installing Template',
                                   'Configuring Template', 'Initializing Template'])
    }

    def "cowsay already installed is not installed again on #distro"() {
        when:
        def run = template().on(distro).installed('cowsay', 'git').stack()

        then:
        run.succeeded()
        run.packagesInstalled().isEmpty()

        where:
        distro << [Distro.DEBIAN_12, Distro.UBUNTU_24_04]
    }

    def "TEMPLATE_DIR from local.conf moves the configuration"() {
        when:
        def run = template().set('TEMPLATE_DIR', '/srv/template').stack()

        then:
        run.shellCommands().contains('mkdir -p "/srv/template"')
        run.shellCommandsAsWritten().contains('mkdir -p "$TEMPLATE_DIR"')
        run.ini('/srv/template/template.conf')['DEFAULT']['data_dir'] == '/srv/template'
    }

    def "clean removes the template's directory"() {
        when:
        def run = template().clean()

        then:
        run.succeeded()
        run.shellCommands() == ['rm -rf "/opt/stack/data/template"']
    }

    def "a disabled template does nothing at all"() {
        when:
        def run = template().services('n-api').stack()

        then:
        run.succeeded()
        run.shellCommands().isEmpty()
        run.filesWritten().every { !it.contains('template') }
    }

    def "the recording of a stack matches the committed call stack"() {
        expect:
        template().stack().matchesGolden('src/test/resources/golden/template-stack.txt')
    }
}
