package devstack.lifecycle

import devstack.testkit.Program
import devstack.testkit.Tree
import spock.lang.IgnoreIf
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * LOGDIR fills up mid-run: one clear error naming the log file, the cause and the step, exit 1; no internal error,
 * no trace, nothing thrown in a background thread. LOGDIR is a 64 KiB tmpfs, which only root can mount.
 */
@IgnoreIf(value = { !FullLogDirSpec.root() }, reason = 'mounting the small file system that fills up needs root')
class FullLogDirSpec extends Specification {
    @TempDir
    Path dir

    Tree tree
    Path logs
    boolean mounted
    Process run

    static boolean root() {
        new ProcessBuilder('id', '-u').start().inputStream.text.trim() == '0'
    }

    private static int sh(String... argv) {
        def process = new ProcessBuilder(argv).redirectErrorStream(true).start()
        process.inputStream.text
        assert process.waitFor(60, TimeUnit.SECONDS)
        process.exitValue()
    }

    def setup() {
        tree = new Tree(dir.resolve('top'))
        logs = dir.resolve('logs')
        Files.createDirectories(logs)
        assert sh('mount', '-t', 'tmpfs', '-o', 'size=64k,mode=0755', 'tmpfs', logs.toString()) == 0
        mounted = true
    }

    def cleanup() {
        if (run?.alive) {
            run.destroyForcibly()
            run.waitFor(60, TimeUnit.SECONDS)
        }
        // Unmounted even when the feature failed; lazily if something still holds it open.
        if (mounted && sh('umount', logs.toString()) != 0) {
            sh('umount', '-l', logs.toString())
        }
    }

    def "a LOGDIR that fills up during #what stops the run at that step with a clear error, exit 1"() {
        given:
        tree.hook('50-fill.groovy', "if (\$1 == 'stack' && \$2 == 'install') {\n$code\n}\n")
        tree.localConf("LOGDIR=$logs\nENABLED_SERVICES=")
        Path output = dir.resolve('run.out')

        when: 'the program runs in a JVM of its own, so that anything printed by a dying thread is seen'
        run = Program.start(tree.root, output, 'stack')
        assert run.waitFor(300, TimeUnit.SECONDS)
        String text = Files.readString(output)

        then:
        run.exitValue() == 1
        text =~ /(?m)^\[ERROR\] stack install in extras\.d\/50-fill\.groovy:2: cannot write the log file ${logs}\/stack\.sh\.log\.[\d-]+(\.summary)?: No space left on device$/
        text.contains("hint: free space on the file system that holds $logs, or set LOGDIR elsewhere")
        text =~ /stack\.sh failed: the log .*stack\.sh\.log\.[\d-]+ is incomplete/
        text.readLines().count { it.startsWith('[ERROR]') } == 1
        !text.contains('internal error')
        !text.contains('Exception in thread')
        !text.contains('\tat ')

        where:
        what                      | code
        'a command\'s output'     | "    sh 'i=0; while [ \$i -lt 4000 ]; do echo \"line \$i of output that fills the log\"; i=\$((i+1)); done'"
        'a plugin\'s echo_summary' | "    (1..4000).each { echo_summary \"summary line \$it that fills the log\" }"
    }
}
