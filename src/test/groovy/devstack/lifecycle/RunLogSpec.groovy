package devstack.lifecycle

import devstack.testkit.Cli
import devstack.testkit.Tree
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.FileTime
import java.time.Instant
import java.time.temporal.ChronoUnit

/** SPEC §5: the log files of a run, and the timing table at its end. */
class RunLogSpec extends Specification {
    @TempDir
    Path dir

    Tree tree

    def setup() {
        tree = new Tree(dir)
        tree.hook('50-say.groovy', "if (\$1 == 'stack' && \$2 == 'extra') { echo_summary 'Saying hello'; sh 'echo detail only' }")
    }

    private Path logs() {
        tree.dest.resolve('logs')
    }

    def "the summary log holds the summary lines only, and LOGFILE.summary links to it"() {
        given:
        tree.localConf('ENABLED_SERVICES=')

        when:
        Cli.run(tree.root, 'stack')
        String summary = Files.readString(logs().resolve('stack.sh.log.summary'))
        String full = Files.readString(logs().resolve('stack.sh.log'))

        then:
        Files.isSymbolicLink(logs().resolve('stack.sh.log.summary'))
        Files.readSymbolicLink(logs().resolve('stack.sh.log.summary')).toString() ==~ /stack\.sh\.log\.\d{4}-\d\d-\d\d-\d{6}\.summary/
        summary =~ /(?m)^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \| Saying hello$/
        !summary.contains('detail only')
        full.contains('detail only')
        summary.readLines().last().endsWith('seconds.')
    }

    def "log files of earlier runs older than LOGDAYS days are removed, newer ones kept"() {
        given:
        tree.localConf('ENABLED_SERVICES=\nLOGDAYS=2')
        Files.createDirectories(logs())
        Path old = logs().resolve('stack.sh.log.2020-01-01-000000')
        Path oldSummary = logs().resolve('stack.sh.log.2020-01-01-000000.summary')
        Path recent = logs().resolve('stack.sh.log.2026-01-01-000000')
        Path unrelated = logs().resolve('n-cpu.log')
        [old, oldSummary, recent, unrelated].each { Files.writeString(it, 'x') }
        [old, oldSummary, unrelated].each { Files.setLastModifiedTime(it, FileTime.from(Instant.now().minus(3, ChronoUnit.DAYS))) }
        Files.setLastModifiedTime(recent, FileTime.from(Instant.now().minus(1, ChronoUnit.DAYS)))

        when:
        Cli.run(tree.root, 'stack')

        then:
        !Files.exists(old)
        !Files.exists(oldSummary)
        Files.exists(recent)
        Files.exists(unrelated)
    }

    def "a LOGDAYS that is not a number is a configuration error"() {
        given:
        tree.localConf('ENABLED_SERVICES=\nLOGDAYS=week')

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 2
        run.err.contains('LOGDAYS=week is not a number of days')
    }

    def "stack ends with a table of where the time went: phases, plugins, timers, total"() {
        given:
        tree.hook('60-timed.groovy', "if (\$1 == 'stack' && \$2 == 'install') { time_start 'widget'; sleep 30; time_stop 'widget' }")
        tree.localConf('ENABLED_SERVICES=')

        when:
        def run = Cli.run(tree.root, 'stack')
        def lines = run.out.readLines()
        int top = lines.indexOf('DevStack Component Timing')

        then:
        run.exitCode == 0
        top > 0
        ['source', 'stack pre-install', 'stack install', 'stack post-config', 'stack extra', 'stack test-config',
         'extras.d/50-say.groovy', 'extras.d/60-timed.groovy', 'widget', 'Total runtime'].every { name ->
            lines.drop(top).any { it ==~ /${java.util.regex.Pattern.quote(name)} +\d+\.\d/ }
        }
        lines.last() ==~ /stack\.sh completed in \d+\.\d seconds\./
    }

    def "the hypervisor plugin has a row of its own in the timing table"() {
        given:
        tree.probeHypervisor()
        tree.localConf('ENABLED_SERVICES=n-cpu\nVIRT_DRIVER=probe')

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 0
        run.out.readLines().any { it ==~ /nova_plugins\/hypervisor-probe\.groovy +\d+\.\d/ }
    }

    def "a TIMESTAMP_FORMAT that makes no file name is a configuration error, not a crash"() {
        given:
        tree.localConf('ENABLED_SERVICES=\nTIMESTAMP_FORMAT=a/b')

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 2
        run.err.contains('[ERROR] cannot open the log file')
        run.err.contains('hint: check LOGFILE, LOGDIR and TIMESTAMP_FORMAT')
        !run.err.contains('internal error')
    }
}
