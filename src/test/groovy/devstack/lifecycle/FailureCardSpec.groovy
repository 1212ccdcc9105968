package devstack.lifecycle

import devstack.testkit.Cli
import devstack.testkit.Tree
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** The failure card shows a step's last output lines in the order the command wrote them. */
class FailureCardSpec extends Specification {
    @TempDir
    Path dir

    def "a failing local.sh shows its stdout and stderr lines in the order it wrote them"() {
        given: 'lines written alternately on stdout and stderr, as fast as the shell can'
        def tree = new Tree(dir)
        tree.localConf('ENABLED_SERVICES=')
        tree.write('local.sh', '#!/bin/sh\nfor i in 1 2 3 4 5 6; do echo "out $i"; echo "err $i" >&2; done\nexit 3\n')
        dir.resolve('local.sh').toFile().setExecutable(true)

        when:
        def run = Cli.run(tree.root, 'stack')
        List<String> card = run.err.readLines().findAll { it ==~ /    (out|err) \d/ }*.trim()

        then:
        run.exitCode == 1
        run.err.contains("command failed with exit code 3: ${dir.resolve('local.sh')}")
        card == (1..6).collectMany { ["out $it".toString(), "err $it".toString()] }
    }
}
