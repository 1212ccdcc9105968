package devstack.scaffold

import devstack.testkit.Cli
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import javax.xml.parsers.DocumentBuilderFactory
import javax.xml.xpath.XPathFactory

/** devstack new-plugin: what it creates where, what it refuses, and the names it takes. */
class NewPluginSpec extends Specification {
    @TempDir
    Path tree

    /** Every file under {@code dir}, relative to it, sorted. */
    static List<String> filesUnder(Path dir) {
        if (!Files.exists(dir)) {
            return []
        }
        Files.walk(dir).withCloseable { paths ->
            paths.filter { Files.isRegularFile(it) }.map { dir.relativize(it).toString() }.sorted().toList()
        }
    }

    def "a hook: extras.d/50-NAME.groovy, its library, its package lists and its spec, each mode 0644"() {
        when:
        def run = Cli.run(tree, 'new-plugin', 'my-svc')

        then:
        run.exitCode == 0
        filesUnder(tree) == ['extras.d/50-my-svc.groovy', 'files/debs/my-svc', 'files/rpms/my-svc',
                             'lib/my-svc.groovy', 'test/.gitignore', 'test/my-svc/MySvcHookSpec.groovy',
                             'test/pom.xml']
        filesUnder(tree).every { PosixFilePermissions.toString(Files.getPosixFilePermissions(tree.resolve(it))) == 'rw-r--r--' }
        run.out.contains('created extras.d/50-my-svc.groovy')
        run.out.contains('enable_service my-svc')
        run.out.contains('mvn -B -f test/pom.xml test -Dtest=MySvcHookSpec')

        and: 'the hook dispatches to the library, whose functions and settings are named after the service'
        def hook = Files.readString(tree.resolve('extras.d/50-my-svc.groovy'))
        hook.contains("if (is_service_enabled('my-svc')) {")
        hook.contains('source "$TOP_DIR/lib/my-svc.groovy"')
        hook.contains('install_my_svc()')
        def lib = Files.readString(tree.resolve('lib/my-svc.groovy'))
        lib.contains('MY_SVC_DIR = MY_SVC_DIR ?: "$DATA_DIR/my-svc"')
        lib.contains('def configure_my_svc() {')
        !(hook + lib).contains('@')
    }

    def "the hook takes the first number of 50, 60, 70, 80 that extras.d does not use: #existing gives #number"() {
        given:
        Files.createDirectories(tree.resolve('extras.d'))
        existing.each { Files.writeString(tree.resolve("extras.d/$it"), '') }

        when:
        def run = Cli.run(tree, 'new-plugin', 'foo')

        then:
        run.exitCode == 0
        Files.isRegularFile(tree.resolve("extras.d/$number-foo.groovy"))

        where:
        existing                                  | number
        []                                        | '50'
        ['50-template.groovy']                    | '60'
        ['50-template.groovy', '60-demo.groovy']  | '70'
        ['60-demo.groovy', '55-x.groovy']         | '50'
        ['50-old.sh', '60-README.md']             | '70'
    }

    def "--number NN names the hook; a reserved number only warns"() {
        when:
        def run = Cli.run(tree, 'new-plugin', '--number', number, 'foo')

        then:
        run.exitCode == 0
        Files.isRegularFile(tree.resolve("extras.d/$number-foo.groovy"))
        run.err.contains('reserved for the project') == warns

        where:
        number | warns
        '35'   | false
        '95'   | true
        '05'   | true
    }

    def "a bad --number, or 50 to 80 all taken, exits 2 with a hint"() {
        given:
        Files.createDirectories(tree.resolve('extras.d'))
        ['50', '60', '70', '80'].each { Files.writeString(tree.resolve("extras.d/$it-x.groovy"), '') }

        expect:
        with(Cli.run(tree, 'new-plugin', '--number', '7', 'foo')) {
            exitCode == 2
            err.contains('--number 7: a hook\'s number is two digits')
        }
        with(Cli.run(tree, 'new-plugin', 'foo')) {
            exitCode == 2
            err.contains('extras.d has hooks at 50, 60, 70, 80 already')
            err.contains('hint: give the hook its number with --number NN')
        }
        filesUnder(tree).every { it.startsWith('extras.d/') && it.endsWith('-x.groovy') }
    }

    def "a hypervisor plugin: nova_plugins/hypervisor-NAME.groovy with the five functions, and its spec"() {
        when:
        def run = Cli.run(tree, 'new-plugin', '--hypervisor', 'hv')

        then:
        run.exitCode == 0
        filesUnder(tree) == ['nova_plugins/hypervisor-hv.groovy', 'test/.gitignore', 'test/hv/HvHypervisorSpec.groovy',
                             'test/pom.xml']
        def plugin = Files.readString(tree.resolve('nova_plugins/hypervisor-hv.groovy'))
        ['install', 'configure', 'start', 'stop', 'cleanup'].every { plugin.contains("def ${it}_nova_hypervisor() {") }
        run.out.contains('VIRT_DRIVER=hv')
    }

    def "what it generates is valid: devstack plugins compiles the hook, the library and the hypervisor plugin"() {
        given:
        Cli.run(tree, 'new-plugin', 'foo').exitCode == 0
        Cli.run(tree, 'new-plugin', '--hypervisor', 'bar').exitCode == 0
        Files.writeString(tree.resolve('local.conf'), "[[local|localrc]]\nDEST=$tree/dest\nENABLED_SERVICES=foo,n-cpu\n"
                + "VIRT_DRIVER=bar\n")

        when:
        def run = Cli.run(tree, 'plugins')

        then:
        run.exitCode == 0
        run.out.readLines().find { it.startsWith('hook') } ==~ /hook\s+50-foo\s+yes\s+yes\s+.*/
        run.out.readLines().find { it.startsWith('hypervisor') } ==~ /hypervisor\s+bar\s+yes\s+yes\s+.*/
    }

    def "in this repository the spec goes beside the shipped plugins' specs, in their package"() {
        given: 'a tree whose pom.xml is this project'
        Files.copy(Path.of('pom.xml'), tree.resolve('pom.xml'))

        when:
        def run = Cli.run(tree, 'new-plugin', 'foo')

        then:
        run.exitCode == 0
        def spec = tree.resolve('src/test/groovy/devstack/shipped/FooHookSpec.groovy')
        Files.readString(spec).startsWith('package devstack.shipped\n\nimport devstack.plugintest.Distro\n')
        !Files.exists(tree.resolve('test'))
        run.out.contains('mvn -B test -Dtest=FooHookSpec')
    }

    def "a tree's test pom is shared: the second plugin keeps it"() {
        given:
        Cli.run(tree, 'new-plugin', 'foo')
        Files.writeString(tree.resolve('test/pom.xml'), '<!-- mine -->')

        when:
        def run = Cli.run(tree, 'new-plugin', 'bar')

        then:
        run.exitCode == 0
        run.out.contains('kept    test/pom.xml')
        Files.readString(tree.resolve('test/pom.xml')) == '<!-- mine -->'
        Files.isRegularFile(tree.resolve('test/bar/BarHookSpec.groovy'))
    }

    def "it refuses to overwrite: exit 2, every file in the way named, nothing written"() {
        given:
        Files.createDirectories(tree.resolve('lib'))
        Files.writeString(tree.resolve('lib/foo.groovy'), 'mine')
        Files.createDirectories(tree.resolve('files/debs'))
        Files.createSymbolicLink(tree.resolve('files/debs/foo'), tree.resolve('nowhere'))
        Files.createDirectories(tree.resolve('extras.d'))
        Files.writeString(tree.resolve('extras.d/20-foo.groovy'), 'older')

        when:
        def run = Cli.run(tree, 'new-plugin', 'foo')

        then:
        run.exitCode == 2
        run.err.contains('refusing to overwrite 3 files that exist')
        run.err.contains('    lib/foo.groovy\n')
        run.err.contains('    files/debs/foo\n')
        run.err.contains('    extras.d/20-foo.groovy (a hook for foo)')
        run.err.contains('nothing was written')
        filesUnder(tree) == ['extras.d/20-foo.groovy', 'lib/foo.groovy']
        Files.readString(tree.resolve('lib/foo.groovy')) == 'mine'
    }

    def "a file where a directory must be is in the way too"() {
        given:
        Files.writeString(tree.resolve('lib'), 'not a directory')

        when:
        def run = Cli.run(tree, 'new-plugin', 'foo')

        then:
        run.exitCode == 2
        run.err.contains('    lib (not a directory)')
        filesUnder(tree) == ['lib']
    }

    def "the name '#name' is refused (exit 2) with a hint"() {
        when:
        def run = Cli.run(tree, 'new-plugin', name)

        then:
        run.exitCode == 2
        run.err.contains(message)
        run.err.contains('hint: ')
        run.err.contains(hint)
        filesUnder(tree).isEmpty()

        where:
        name       | message                                                        | hint
        'my svc'   | "'my svc' is not a plugin name"                                | 'e.g. my-svc'
        'a,b'      | "'a,b' is not a plugin name"                                   | 'e.g. a-b'
        '2fast'    | "'2fast' is not a plugin name"                                 | 'a letter, then letters'
        '_x'       | "'_x' is not a plugin name"                                    | 'e.g. x'
        'foo/bar'  | "'foo/bar' is not a plugin name"                               | 'e.g. foo-bar'
        'naïve'    | "'naïve' is not a plugin name"                                 | 'e.g. na-ve'
        'nova'     | "'nova' is a group of services"                                | 'e.g. nova-extra'
        'keystone' | "'keystone' is a group of services"                            | 'a name of its own'
        'package'  | 'would make the plugin define install_package()'              | 'e.g. package-svc'
        'data'     | 'would make the plugin use the setting DATA_DIR'               | 'another name'
        'top'      | 'would make the plugin use the setting TOP_DIR'                | 'another name'
        'service'  | 'would make the plugin use the setting SERVICE_DIR'            | 'another name'
    }

    def "a name DevStack takes is taken: #name"() {
        expect:
        Cli.run(tree, 'new-plugin', name).exitCode == 0
        Files.isRegularFile(tree.resolve("extras.d/50-${name}.groovy"))

        where:
        name << ['foo', 'my-svc', 'Foo_Bar', 'x.y', 'n-extra', 'a1']
    }

    def "an external plugin: a repository in DIR, its spec, a pom with this build's kit, a README and a .gitignore"() {
        given:
        Path dir = tree.resolve('plugins/my-svc')

        when:
        def run = Cli.runRaw('new-plugin', '--external', dir.toString(), 'my-svc')

        then:
        run.exitCode == 0
        filesUnder(dir) == ['.gitignore', 'README.md', 'devstack/files/debs/my-svc', 'devstack/files/rpms/my-svc',
                            'devstack/lib/my-svc.groovy', 'devstack/plugin.groovy', 'devstack/settings.groovy',
                            'pom.xml', 'src/test/groovy/MySvcPluginSpec.groovy']
        Files.readString(dir.resolve('devstack/settings.groovy')).contains("define_plugin 'my-svc'")
        Files.readString(dir.resolve('devstack/plugin.groovy'))
                .contains('source "$DEST/my-svc/devstack/lib/my-svc.groovy"')
        Files.readString(dir.resolve('README.md')).contains('enable_plugin my-svc ')
        Files.readString(dir.resolve('.gitignore')) == 'target/\n'
        run.out.contains("enable_plugin my-svc file://$dir main")
    }

    def "the external plugin's pom names this project's coordinates and the versions its own build uses"() {
        given:
        Path dir = tree.resolve('p')
        Cli.runRaw('new-plugin', '--external', dir.toString(), 'p')
        Path ours = Path.of('pom.xml')
        Path pom = dir.resolve('pom.xml')
        String kit = "/project/dependencies/dependency[artifactId='${xpath(ours, '/project/artifactId')}']"

        expect:
        xpath(pom, "$kit/groupId") == xpath(ours, '/project/groupId')
        xpath(pom, "$kit/version") == '${devstack.version}'
        xpath(pom, "$kit/scope") == 'test'
        xpath(pom, '/project/properties/devstack.version') == xpath(ours, '/project/version')
        ['groovy.version', 'spock.version'].every {
            xpath(pom, "/project/properties/$it") == xpath(ours, "/project/properties/$it")
        }
        [gmavenplus: 'gmavenplus-plugin', surefire: 'maven-surefire-plugin', compiler: 'maven-compiler-plugin']
                .every { property, plugin ->
                    xpath(pom, "/project/build/plugins/plugin[artifactId='$plugin']/version") ==
                            xpath(ours, "/project/properties/${property}.version")
                }
    }

    static String xpath(Path file, String expression) {
        def document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile())
        XPathFactory.newInstance().newXPath().evaluate(expression, document).trim()
    }

    def "--external onto a file, or with --hypervisor or --number, is bad usage (exit 2)"() {
        given:
        Files.writeString(tree.resolve('afile'), '')

        expect:
        with(Cli.runRaw('new-plugin', '--external', tree.resolve('afile').toString(), 'foo')) {
            exitCode == 2
            err.contains('exists and is not a directory')
        }
        with(Cli.runRaw('new-plugin', '--external', tree.resolve('d').toString(), '--hypervisor', 'foo')) {
            exitCode == 2
            err.contains('--hypervisor and --external')
        }
        with(Cli.run(tree, 'new-plugin', '--hypervisor', '--number', '70', 'foo')) {
            exitCode == 2
            err.contains('--number is for hooks only')
        }
        filesUnder(tree) == ['afile']
    }
}
