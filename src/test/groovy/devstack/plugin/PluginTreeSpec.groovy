package devstack.plugin

import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** SPEC §1: which files are plugins, and in which order hooks run. */
class PluginTreeSpec extends Specification {
    @TempDir
    Path top

    List<String> warnings = []

    private void file(String relative) {
        Path path = top.resolve(relative)
        Files.createDirectories(path.parent)
        Files.writeString(path, '// plugin')
    }

    private PluginTree discover() {
        PluginTree.discover(top, { warnings << it })
    }

    def "hooks are the NN-name.groovy files of extras.d, in lexical order of file name"() {
        given:
        ['90-last.groovy', '00-first.groovy', '50-b.groovy', '50-a.groovy', '10-mid.groovy'].each { file("extras.d/$it") }

        expect:
        discover().hooks()*.displayName() == ['extras.d/00-first.groovy', 'extras.d/10-mid.groovy',
                                              'extras.d/50-a.groovy', 'extras.d/50-b.groovy', 'extras.d/90-last.groovy']
        warnings.isEmpty()
    }

    def "a file named #name in extras.d is #outcome"() {
        given:
        file("extras.d/$name")

        when:
        def tree = discover()

        then:
        tree.hooks().size() == (isHook ? 1 : 0)
        warnings.size() == warned

        where:
        name                 | isHook | warned | outcome
        '50-x.groovy'        | true   | 0      | 'a hook'
        '00-a.b_c-d.groovy'  | true   | 0      | 'a hook'
        '5-x.groovy'         | false  | 1      | 'ignored with a warning'
        '500-x.groovy'       | false  | 1      | 'ignored with a warning'
        '50-.groovy'         | false  | 1      | 'ignored with a warning'
        '50-x.groovy.bak'    | false  | 1      | 'ignored with a warning'
        '50-x.sh'            | false  | 1      | 'ignored with a warning'
        'README.md'          | false  | 0      | 'documentation'
        '.50-x.groovy.swp'   | false  | 0      | 'a hidden file'
    }

    def "hypervisor plugins are found by VIRT_DRIVER name"() {
        given:
        file('nova_plugins/hypervisor-fake.groovy')
        file('nova_plugins/hypervisor-ironic.groovy')
        file('nova_plugins/functions-libvirt')

        when:
        def tree = discover()

        then:
        tree.hypervisors().keySet() == ['fake', 'ironic'] as Set
        tree.hypervisors().fake.displayName() == 'nova_plugins/hypervisor-fake.groovy'
        warnings == ['nova_plugins/functions-libvirt: ignored: a hypervisor plugin is named '
                             + 'hypervisor-<VIRT_DRIVER>.groovy']
    }

    def "libraries are the groovy files of lib"() {
        given:
        file('lib/template.groovy')
        file('lib/notes.txt')

        expect:
        discover().libraries()*.displayName() == ['lib/template.groovy']
    }

    def "a tree without extras.d, nova_plugins or lib has no plugins and that is fine"() {
        when:
        def tree = discover()

        then:
        tree.hooks().isEmpty()
        tree.hypervisors().isEmpty()
        tree.libraries().isEmpty()
    }

    def "directories inside extras.d are not hooks"() {
        given:
        Files.createDirectories(top.resolve('extras.d/50-dir.groovy'))

        expect:
        discover().hooks().isEmpty()
    }

    def "a dangling symlink named as a plugin in #directory is an error naming it, not a skipped file"() {
        given:
        Files.createDirectories(top.resolve(directory))
        Files.createSymbolicLink(top.resolve("$directory/$name"), Path.of('/nonexistent/plugin.groovy'))

        when:
        discover()

        then:
        PluginException e = thrown()
        e.exitCode() == 2
        e.message == "$directory/$name: cannot be read: it is a dangling symlink (to /nonexistent/plugin.groovy)"
        e.hint().contains('remove it')

        where:
        directory      | name
        'extras.d'     | '50-x.groovy'
        'nova_plugins' | 'hypervisor-x.groovy'
        'lib'          | 'x.groovy'
    }

    def "a fifo named as a hook is an error, not a read that blocks the run"() {
        given:
        Files.createDirectories(top.resolve('extras.d'))
        def mkfifo = new ProcessBuilder('mkfifo', top.resolve('extras.d/50-fifo.groovy').toString()).start()
        assert mkfifo.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) && mkfifo.exitValue() == 0

        when:
        discover()

        then:
        PluginException e = thrown()
        e.message == 'extras.d/50-fifo.groovy: cannot be read: it is not a regular file'
    }

    def "a dangling symlink whose name is not a plugin's gets the usual warning, and a README link none"() {
        given:
        Files.createDirectories(top.resolve('extras.d'))
        Files.createSymbolicLink(top.resolve('extras.d/5-bad.groovy'), Path.of('/nonexistent'))
        Files.createSymbolicLink(top.resolve('extras.d/README'), Path.of('/nonexistent'))

        when:
        def tree = discover()

        then:
        tree.hooks().isEmpty()
        warnings.size() == 1
        warnings[0].startsWith('extras.d/5-bad.groovy: ignored')
    }

    def "a symlink to a readable hook is a hook"() {
        given:
        file('elsewhere/hook.groovy')
        Files.createDirectories(top.resolve('extras.d'))
        Files.createSymbolicLink(top.resolve('extras.d/50-linked.groovy'), top.resolve('elsewhere/hook.groovy'))

        expect:
        discover().hooks()*.displayName() == ['extras.d/50-linked.groovy']
    }
}
