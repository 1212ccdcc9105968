package devstack.script

import devstack.plugintest.PluginTest
import devstack.testkit.Cli
import devstack.testkit.Tree
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

/**
 * write_file '-sudo', append_file and mktemp: for real through the command line, in a dry run, and as the plugin
 * test kit records them.
 */
class FileHelpersSpec extends Specification {
    @TempDir
    Path dir

    Tree tree

    def setup() {
        tree = new Tree(dir)
    }

    private Cli unstackWith(String body, String localrc = 'ENABLED_SERVICES=') {
        tree.unstackWith(body, localrc)
    }

    private static String mode(Path path) {
        PosixFilePermissions.toString(Files.getPosixFilePermissions(path))
    }

    private Path existing(String relative, String content, String permissions) {
        Path file = dir.resolve(relative)
        Files.createDirectories(file.parent)
        Files.writeString(file, content)
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions))
        file
    }

    def "write_file '-sudo' writes the whole file #how"() {
        given:
        Path target = dir.resolve('etc/foo.conf')
        Files.createDirectories(target.parent)

        when:
        def run = unstackWith(call.replace('FILE', target.toString()))

        then:
        run.exitCode == 0
        Files.readString(target) == 'a = 1\n'
        mode(target) == permissions

        where:
        how                        | call                                             | permissions
        'with the mode asked for'  | "write_file '-sudo', 'FILE', 'a = 1\\n', '0640'" | 'rw-r-----'
        'with 0644 for a new file' | "write_file '-sudo', 'FILE', 'a = 1\\n'"         | 'rw-r--r--'
    }

    def "write_file '-sudo' without a mode keeps the mode of the file it replaces"() {
        given:
        Path target = existing('etc/secret.conf', 'old\n', 'rw-------')

        when:
        def run = unstackWith("write_file '-sudo', '$target', 'new\\n'")

        then:
        run.exitCode == 0
        Files.readString(target) == 'new\n'
        mode(target) == 'rw-------'
    }

    def "write_file with four arguments wants '-sudo' first"() {
        when:
        def run = unstackWith("write_file 'sudo', '$dir/x', 'text', '0644'")

        then:
        run.exitCode == 1
        run.err.contains("write_file: the first of these arguments must be '-sudo', not 'sudo'")
        !Files.exists(dir.resolve('x'))
    }

    def "append_file adds text at the end of a file and keeps its mode, and creates a missing file with 0644"() {
        given:
        Path modules = existing('etc/modules', 'loop\n', 'rw-------')
        Path fresh = dir.resolve('etc/fresh.txt')

        when:
        def run = unstackWith("""
append_file '$modules', 'kvm\\n'
append_file '-sudo', '$modules', "vhost_net\\n"
append_file '$fresh', 'first'
append_file '$fresh', ' and second\\n'
""")

        then:
        run.exitCode == 0
        Files.readString(modules) == 'loop\nkvm\nvhost_net\n'
        mode(modules) == 'rw-------'
        Files.readString(fresh) == 'first and second\n'
        mode(fresh) == 'rw-r--r--'
    }

    def "append_file with three arguments wants '-sudo' first"() {
        when:
        def run = unstackWith("append_file '$dir/a', '$dir/b', 'text'")

        then:
        run.exitCode == 1
        run.err.contains("append_file: the first of these arguments must be '-sudo'")
    }

    def "mktemp makes a new private file and mktemp('-d') a new private directory, in TMPDIR"() {
        given:
        Path tmp = Files.createDirectories(dir.resolve('tmp'))

        when:
        def run = unstackWith('''
[mktemp(), mktemp(), mktemp('-d')].each { new File(PROBE_LOG) << it + '\\n' }
''', "ENABLED_SERVICES=\nTMPDIR=$tmp")
        List<Path> made = tree.probed().collect { Path.of(it) }

        then:
        run.exitCode == 0
        made.size() == 3
        made.toSet().size() == 3
        made.every { it.parent == tmp && it.fileName.toString().startsWith('tmp.') }
        Files.isRegularFile(made[0]) && Files.size(made[0]) == 0
        mode(made[0]) == 'rw-------'
        Files.isDirectory(made[2])
        mode(made[2]) == 'rwx------'
    }

    def "mktemp refuses an option it does not know, and a TMPDIR that is not there"() {
        when:
        def run = unstackWith(call, "ENABLED_SERVICES=\nTMPDIR=$dir/$tmpdir")

        then:
        run.exitCode == 1
        run.err.contains(message)

        where:
        call            | tmpdir      || message
        "mktemp('-u')"  | ''          || "mktemp: '-u' is not an option here: mktemp() makes a file, mktemp('-d') a directory"
        'mktemp()'      | 'missing'   || 'cannot make a temporary file in '
    }

    def "a dry run plans them: the files as diffs, the temporary directory with a name of the plan"() {
        given:
        Path tmp = Files.createDirectories(dir.resolve('tmp'))
        Path notes = existing('notes.txt', 'one\n', 'rw-r--r--')
        tree.hook('50-files.groovy', """
if (\$1 == 'stack' && \$2 == 'install') {
    def work = mktemp('-d')
    write_file '-sudo', "\$work/a.conf", 'x = 1\\n'
    append_file '-sudo', "\$work/a.conf", 'y = 2\\n'
    append_file '$notes', 'two\\n'
}""")
        tree.localConf("ENABLED_SERVICES=\nTMPDIR=$tmp")

        when:
        def run = Cli.run(tree.root, 'stack', '--dry-run')

        then:
        run.exitCode == 0
        run.out.contains("[dry-run] would create directory $tmp/tmp.planned1\n")
        run.out.contains("[dry-run] would create $tmp/tmp.planned1/a.conf (mode 0644):\n--- /dev/null\n" +
                "+++ $tmp/tmp.planned1/a.conf\n@@ -0,0 +1,2 @@\n+x = 1\n+y = 2\n")
        run.out.contains("[dry-run] would change $notes:")
        run.out.contains('+two')
        tmp.toFile().list() == [] as String[]
        Files.readString(notes) == 'one\n'
    }

    def "the test kit records the files they leave, with their modes"() {
        given:
        Path hook = dir.resolve('50-files.groovy')
        Files.writeString(hook, '''
if ($1 == 'stack' && $2 == 'install') {
    write_file '-sudo', '/etc/foo/foo.conf', '[DEFAULT]\\n', '0640'
    append_file '-sudo', '/etc/modules', 'kvm\\n'
    def scratch = mktemp()
    write_file scratch, 'scratch'
    echo_summary "scratch is $scratch, then ${mktemp('-d')}"
}''')

        when:
        def run = PluginTest.hook(hook).asUser().file('/etc/modules', 'loop\n').stack()

        then:
        run.succeeded()
        run.file('/etc/foo/foo.conf') == '[DEFAULT]\n'
        run.mode('/etc/foo/foo.conf') == '0640'
        run.file('/etc/modules') == 'loop\nkvm\n'
        run.mode('/etc/modules') == '0644'
        run.file('/tmp/tmp.planned1') == 'scratch'
        run.mode('/tmp/tmp.planned1') == '0600'
        run.summary().contains('scratch is /tmp/tmp.planned1, then /tmp/tmp.planned2')
        run.directoriesCreated().contains('/tmp/tmp.planned2')
    }
}
