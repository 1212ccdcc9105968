package devstack.plugin

import devstack.testkit.Cli
import devstack.testkit.Tree
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * Plugins that misbehave, through the real command line: each fault is reported with the plugin's file and line
 * and the right exit code, and never ends, hides or garbles the run.
 */
class PluginFaultsSpec extends Specification {
    @TempDir
    Path dir

    Tree tree

    def setup() {
        tree = new Tree(dir).probeHook('10-probe.groovy')
        tree.localConf('ENABLED_SERVICES=template')
    }

    def "a dangling hook symlink stops #command with exit 2, naming it, before any hook runs"() {
        given:
        Files.createSymbolicLink(tree.root.resolve('extras.d/50-gone.groovy'), Path.of('/nonexistent/50-gone.groovy'))

        when:
        def run = Cli.run(tree.root, command)

        then:
        run.exitCode == 2
        run.err.contains('[ERROR] extras.d/50-gone.groovy: cannot be read: it is a dangling symlink '
                + '(to /nonexistent/50-gone.groovy)')
        tree.probed().isEmpty()

        where:
        command << ['stack', 'unstack', 'plugins']
    }

    def "a dangling symlink in an external plugin's devstack/lib stops the run with exit 2, naming it"() {
        given:
        Path clone = tree.dest.resolve('foo')
        Files.createDirectories(clone.resolve('devstack/lib'))
        Files.writeString(clone.resolve('devstack/plugin.groovy'), '// plugin\n')
        Files.createSymbolicLink(clone.resolve('devstack/lib/foo.groovy'), Path.of('missing.groovy'))
        tree.localConf('ENABLED_SERVICES=template\nenable_plugin foo file:///nonexistent/foo.git')

        when:
        def run = Cli.run(tree.root, 'unstack')

        then:
        run.exitCode == 2
        run.err.contains("${clone.resolve('devstack/lib/foo.groovy')}: cannot be read: it is a dangling symlink")
        tree.probed().isEmpty()
    }
}
