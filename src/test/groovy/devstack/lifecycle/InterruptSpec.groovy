package devstack.lifecycle

import devstack.testkit.Cli
import devstack.testkit.Program
import devstack.testkit.Tree
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * Ctrl-C with a real signal to a program in a JVM of its own: after the interrupt no command starts, the run
 * reports exactly once, and nothing follows that report on the terminal.
 */
class InterruptSpec extends Specification {
    @TempDir
    Path dir

    Tree tree
    PollingConditions within = new PollingConditions(timeout: 60, delay: 0.1)
    Process run

    def setup() {
        tree = new Tree(dir)
        tree.localConf('ENABLED_SERVICES=')
    }

    def cleanup() {
        if (run?.alive) {
            run.destroyForcibly()
            run.waitFor(60, TimeUnit.SECONDS)
        }
        Cli.run(tree.root, 'unstack')
    }

    private Path getOutput() { dir.resolve('run.out') }

    /**
     * Starts {@code stack} in a JVM of its own, optionally as the leader of a process group of its own (as a shell
     * starts a job), with SIGINT, SIGTERM and SIGHUP at their defaults: a test runner started in the background
     * ignores SIGINT, and its children would inherit that.
     */
    private Process start(boolean ownGroup) {
        List<String> argv = Program.command(tree.root, 'stack')
        new ProcessBuilder((ownGroup ? ['setsid'] : []) + argv)
                .redirectErrorStream(true).redirectOutput(output.toFile()).start()
    }

    private static void signal(String signal, String target) {
        assert new ProcessBuilder('kill', "-$signal", '--', target).start().waitFor(60, TimeUnit.SECONDS)
    }

    /** Waits for the run to end (bounded); its exit code. */
    private int exitCode() {
        assert run.waitFor(120, TimeUnit.SECONDS): "the run did not end:\n${Files.readString(output)}"
        run.exitValue()
    }

    private List<String> errors() {
        Files.readAllLines(output).findAll { it.startsWith('[ERROR]') }
    }

    /**
     * Plugin code that keeps the JVM from ending, once it shuts down, until {@code file} holds {@code text}
     * (bounded): the JVM ends as soon as its shutdown hooks are done, and the spec must see what the run does after
     * the interrupt, not only what it managed before the JVM went.
     */
    private static String holdJvmUntil(Path file, String text) {
        """Runtime.runtime.addShutdownHook(new Thread({
        long deadline = System.nanoTime() + 60_000_000_000L
        def seen = { def f = new File('$file'); f.exists() && f.text.contains('$text') }
        while (!seen() && System.nanoTime() < deadline) { sleep 20 }
    }))"""
    }

    def "after Ctrl-C the plugin's next sh does not start"() {
        given: 'a hook that goes on after its command is stopped, and tries another'
        tree.hook('50-next.groovy', """if (\$1 == 'stack' && \$2 == 'install') {
    ${holdJvmUntil(dir.resolve('tried'), 'yes')}
    try { sh 'echo \$\$ > "$dir/slow.pid"; exec sleep 300' } catch (e) { }
    try { sh 'touch "$dir/after"' } catch (e) { new File('$dir/refused').text = e.message }
    new File('$dir/tried').text = 'yes'
}""")
        run = start(false)
        within.eventually { assert Files.exists(dir.resolve('slow.pid')) && Files.size(dir.resolve('slow.pid')) > 0 }

        when:
        signal('INT', run.pid().toString())

        then:
        exitCode() == 130
        Files.readString(dir.resolve('tried')) == 'yes'
        !Files.exists(dir.resolve('after'))
        Files.readString(dir.resolve('refused')).contains('not started, the run is being interrupted: /bin/sh -c touch')
        errors() == ['[ERROR] stack.sh interrupted during stack install: extras.d/50-next.groovy']
    }

    def "a command that ends after the interrupt's report adds no second line to it"() {
        given: 'a command that outlives the stop and exits 130 once the report is out, as a slow one may'
        Path log = tree.dest.resolve('logs/stack.sh.log')
        tree.hook('50-slow.groovy', """if (\$1 == 'stack' && \$2 == 'install') {
    ${holdJvmUntil(log, 'command failed with exit code 130')}
    sh '''trap "" INT TERM; echo \$\$ > "$dir/slow.pid"; i=0
until grep -q "interrupted during" "$output" || [ \$i -ge 1200 ]; do sleep 0.1; i=\$((i+1)); done
exit 130'''
}""")
        run = start(false)
        within.eventually { assert Files.exists(dir.resolve('slow.pid')) && Files.size(dir.resolve('slow.pid')) > 0 }

        when:
        signal('INT', run.pid().toString())

        then: 'the terminal shows only the interrupt, and the run saw its command fail (the log says so)'
        exitCode() == 130
        errors() == ['[ERROR] stack.sh interrupted during stack install: extras.d/50-slow.groovy']
        !Files.readString(output).contains('stack.sh failed')
        Files.readString(log) =~ /after the interrupt: stack install in extras.d\/50-slow.groovy:\d+: command failed with exit code 130/
    }

    def "a command that dies of Ctrl-C a moment before the program gets it is not reported as a failed command"() {
        given: 'Ctrl-C on a terminal reaches the command and the program at once; here the command sees it first'
        tree.hook('50-slow.groovy', """if (\$1 == 'stack' && \$2 == 'install') {
    sh 'echo \$\$ > "$dir/slow.pid"; exec sleep 300'
}""")
        run = start(false)
        within.eventually { assert Files.exists(dir.resolve('slow.pid')) && Files.size(dir.resolve('slow.pid')) > 0 }
        String slow = Files.readString(dir.resolve('slow.pid')).trim()

        when: 'the command dies of SIGINT, then the program gets its own'
        signal('INT', slow)
        within.eventually { assert !Files.exists(Path.of("/proc/$slow")) }
        signal('INT', run.pid().toString())

        then:
        exitCode() == 130
        errors() == ['[ERROR] stack.sh interrupted during stack install: extras.d/50-slow.groovy']
        !Files.readString(output).contains('command failed')
    }

    def "Ctrl-C on a terminal, which signals the command too, gives exactly one report (try #attempt)"() {
        given: 'the program leads its own process group, as a shell job does; Ctrl-C signals the whole group'
        tree.hook('50-slow.groovy', """if (\$1 == 'stack' && \$2 == 'install') {
    sh 'echo \$\$ > "$dir/slow.pid"; exec sleep 300'
}""")
        run = start(true)
        within.eventually { assert Files.exists(dir.resolve('slow.pid')) && Files.size(dir.resolve('slow.pid')) > 0 }

        when:
        signal('INT', "-${run.pid()}")

        then:
        exitCode() == 130
        errors() == ['[ERROR] stack.sh interrupted during stack install: extras.d/50-slow.groovy']
        !Files.readString(output).contains('command failed')

        where:
        attempt << [1, 2]
    }
}
