package devstack.lifecycle

import devstack.testkit.Cli
import devstack.testkit.Program
import devstack.testkit.Tree
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.nio.file.Files
import java.nio.file.Path

/** One run at a time, and an interrupted run that says where it stopped and can be undone. */
class RunSafetySpec extends Specification {
    @TempDir
    Path dir

    Tree tree
    PollingConditions within = new PollingConditions(timeout: 20, delay: 0.1)

    def setup() {
        tree = new Tree(dir)
        // The hook waits at stack install until the spec removes the gate file.
        tree.hook('50-wait.groovy', """if (\$1 == 'stack' && \$2 == 'install') {
    run_process 'sleeper', 'sleep 600'
    new File(PROBE_LOG) << 'waiting\\n'
    while (new File('$dir/gate').exists()) { sleep 50 }
}""")
        tree.localConf('ENABLED_SERVICES=sleeper')
        Files.writeString(dir.resolve('gate'), 'closed')
    }

    def cleanup() {
        // Whatever a feature left running (its sleeper) is stopped, as a user would with unstack.
        Files.deleteIfExists(dir.resolve('gate'))
        Cli.run(tree.root, 'unstack')
    }

    def "a second run while one is running exits 2 naming the pid of the first"() {
        given:
        Process first = Program.start(tree.root, dir.resolve('first.out'), 'stack')
        within.eventually { assert tree.probed() == ['waiting'] }

        when:
        def second = Cli.run(tree.root, 'unstack')

        then:
        second.exitCode == 2
        second.err.contains("another run (pid ${first.pid()}) is using DEST ${tree.dest}")

        cleanup:
        Files.deleteIfExists(dir.resolve('gate'))
        first?.exitCode()
    }

    def "a second DEST that shares the first's SERVICE_DIR is refused while the first runs"() {
        given:
        Process first = Program.start(tree.root, dir.resolve('first.out'), 'stack')
        within.eventually { assert tree.probed() == ['waiting'] }
        def other = new Tree(dir.resolve('other'))
        other.localConf("SERVICE_DIR=${tree.dest.resolve('status')}")

        when:
        def second = Cli.run(other.root, 'stack')

        then:
        second.exitCode == 2
        second.err.contains("another run (pid ${first.pid()}) is using SERVICE_DIR ${tree.dest.resolve('status')}")

        cleanup:
        Files.deleteIfExists(dir.resolve('gate'))
        first?.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)
    }

    def "a lock file that is #what is never opened: exit 2 naming it, and what it points at is untouched"() {
        given:
        Files.delete(dir.resolve('gate'))
        Path victim = dir.resolve('victim')
        Files.writeString(victim, 'precious\n')
        Files.createDirectories(tree.dest)
        Path lock = tree.dest.resolve('.devstack.lock')
        plant(lock, victim)

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 2
        run.err.contains("the lock file $lock is not a regular file")
        Files.readString(victim) == 'precious\n'
        tree.probed().isEmpty()

        where:
        what                       | plant
        'a symbolic link'          | { Path at, Path target -> Files.createSymbolicLink(at, target) }
        'a dangling symbolic link' | { Path at, Path target -> Files.createSymbolicLink(at, target.resolveSibling('none')) }
        'a directory'              | { Path at, Path target -> Files.createDirectories(at) }
    }

    def "the lock is free again once the first run ends"() {
        given:
        Files.delete(dir.resolve('gate'))
        assert Cli.run(tree.root, 'stack').exitCode == 0

        expect:
        Cli.run(tree.root, 'unstack').exitCode == 0
    }

    def "Ctrl-C stops the run, says where it stopped, and unstack can undo it"() {
        given:
        Process run = Program.start(tree.root, dir.resolve('run.out'), 'stack')
        within.eventually { assert tree.probed() == ['waiting'] }

        when:
        new ProcessBuilder('kill', '-INT', run.pid().toString()).start().exitCode()
        int code = run.exitCode()
        String output = Files.readString(dir.resolve('run.out'))

        then: 'it says where it stopped'
        code == 130
        output.contains('stack.sh interrupted during stack install: extras.d/50-wait.groovy')
        output.contains('./unstack.sh stops it')

        when: 'the process it had started is still there, and unstack stops it'
        Path pidFile = tree.dest.resolve('status/sleeper.pid')
        long pid = Files.readAllLines(pidFile)[0] as long
        boolean aliveBefore = ProcessHandle.of(pid).map { it.isAlive() }.orElse(false)
        def unstack = Cli.run(tree.root, 'unstack')

        then:
        aliveBefore
        unstack.exitCode == 0
        unstack.out.contains("Stopped sleeper (pid $pid)")
        !Files.exists(pidFile)
        within.eventually { assert !new File("/proc/$pid/cmdline").exists() || !new File("/proc/$pid/cmdline").text.contains('sleep') }

        cleanup:
        Files.deleteIfExists(dir.resolve('gate'))
    }

    def "on a terminal a live status line shows the phase, the plugin and the time"() {
        given:
        Files.delete(dir.resolve('gate'))
        def command = Program.command(tree.root, 'stack').collect { "'$it'" }.join(' ')
        // script(1) gives the program a real pseudo-terminal.
        def process = new ProcessBuilder('script', '-qec', command, '/dev/null').redirectErrorStream(true).start()
        String output = process.inputStream.text

        expect:
        process.exitCode() == 0
        output.contains('\r\u001b[K[stack install: extras.d/50-wait.groovy]')
        output.contains('stack.sh completed in')
    }

    def "Ctrl-C stops the command the current step is running"() {
        given: 'a hook whose command would run for minutes'
        Files.delete(dir.resolve('gate'))
        tree.hook('55-slow.groovy', """if (\$1 == 'stack' && \$2 == 'post-config') {
    sh 'echo \$\$ > "$dir/slow.pid"; exec sleep 300'
}""")
        Process run = Program.start(tree.root, dir.resolve('run.out'), 'stack')
        within.eventually { assert Files.exists(dir.resolve('slow.pid')) && Files.size(dir.resolve('slow.pid')) > 0 }
        long slow = Files.readString(dir.resolve('slow.pid')).trim() as long

        when:
        new ProcessBuilder('kill', '-INT', run.pid().toString()).start().exitCode()

        then:
        run.exitCode() == 130
        Files.readString(dir.resolve('run.out')).contains('stack.sh interrupted during stack post-config: extras.d/55-slow.groovy')
        within.eventually { assert !running(slow) }
    }

    /** Alive and not a zombie (this machine's init may be slow to reap what the JVM left). */
    private static boolean running(long pid) {
        Path stat = Path.of("/proc/$pid/stat")
        if (!Files.exists(stat)) {
            return false
        }
        String text = Files.readString(stat)
        text.substring(text.lastIndexOf(')') + 2).charAt(0) != ('Z' as char)
    }
}
