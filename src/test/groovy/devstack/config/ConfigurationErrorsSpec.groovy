package devstack.config

import devstack.testkit.Cli
import devstack.testkit.Tree
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * A configuration the host cannot trust stops every command with exit 2 and the line to fix, before anything is
 * created: never a silent fall-back to the defaults, never a path that depends on the working directory.
 */
class ConfigurationErrorsSpec extends Specification {
    @TempDir
    Path dir

    Tree tree

    def setup() {
        tree = new Tree(dir).probeHook().probeHypervisor('fake')
    }

    def "a relative DEST stops #command with exit 2, naming the line, and creates nothing"() {
        given:
        String relative = 'reldest-' + UUID.randomUUID()
        tree.write('local.conf', "[[local|localrc]]\nVERBOSE=False\nDEST=$relative\n")

        when:
        def run = Cli.run(tree.root, *command)

        then:
        run.exitCode == 2
        run.err.contains("[ERROR] local.conf:3: DEST=$relative is not an absolute path")
        run.err.contains('hint: give DEST, DATA_DIR, SERVICE_DIR, LOGDIR')
        tree.probed().isEmpty()
        !Files.exists(Path.of(relative))
        !Files.exists(tree.root.resolve(relative))

        where:
        command << [['stack'], ['unstack'], ['clean'], ['plugins'], ['stack', '--dry-run']]
    }

    def "a malformed header #header stops #command with exit 2 instead of falling back to the defaults"() {
        given:
        tree.write('local.conf', "$header\nDEST=$dir/dest\nVERBOSE=False\n")

        when:
        def run = Cli.run(tree.root, *command)

        then:
        run.exitCode == 2
        run.err.contains("[ERROR] local.conf:1: ")
        !run.out.contains('/opt/stack')
        tree.probed().isEmpty()

        where:
        [header, command] << [['[[local|localrc]', '[[|localrc]]', '[[local||localrc]]'],
                              [['plugins'], ['stack', '--dry-run']]].combinations()
    }

    def "a local.conf that is a directory stops the run with exit 2"() {
        given:
        Files.createDirectory(tree.root.resolve('local.conf'))

        when:
        def run = Cli.run(tree.root, 'stack', '--dry-run')

        then:
        run.exitCode == 2
        run.err.contains("${tree.root.resolve('local.conf')} is a directory, not a file")
        tree.probed().isEmpty()
    }
}
