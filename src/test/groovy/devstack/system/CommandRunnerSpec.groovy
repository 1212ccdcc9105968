package devstack.system

import devstack.console.Console
import devstack.console.LogWriteException
import devstack.console.RunLog
import spock.lang.Specification
import spock.lang.TempDir
import spock.lang.Timeout

import java.nio.file.Files
import java.nio.file.Path
import java.time.Clock

/** sh(command) (SPEC §4 "Commands") on the real /bin/sh. */
@Timeout(30)
class CommandRunnerSpec extends Specification {

    @TempDir
    Path dir

    StringWriter out = new StringWriter()
    CommandRunner runner = new CommandRunner(new Console(new PrintWriter(out), new PrintWriter(new StringWriter())))

    def "sh returns standard output without trailing newlines: #command"() {
        expect:
        runner.sh(command, [:]) == expected

        where:
        command                        || expected
        'echo hi'                      || 'hi'
        'printf "a\\nb\\n\\n\\n"'      || 'a\nb'
        'printf "\\n\\nx"'             || '\n\nx'
        'printf "  x  \\n"'            || '  x  '
        'true'                         || ''
        'echo out; echo err >&2'       || 'out'
    }

    def "sh runs its command through the shell"() {
        expect:
        runner.sh('X=1; for i in a b; do printf "%s$X" $i; done | tr a-z A-Z', [:]) == 'A1B1'
    }

    def "a non-zero exit throws CommandFailedException with the command, the code and the last lines"() {
        when:
        runner.sh('echo first; echo boom >&2; exit 3', [:])

        then:
        CommandFailedException e = thrown()
        e.command() == 'echo first; echo boom >&2; exit 3'
        e.commandExitCode() == 3
        e.lastLines().containsAll(['first', 'boom'])
        e.lastLines().size() == 2
        e.message.contains('exit code 3')
        e.message.contains('echo first; echo boom >&2; exit 3')
        e.exitCode() == 1
    }

    def "at most the last 20 lines are kept, from #stream"() {
        when:
        runner.sh("seq 1 30 ${redirect}; exit 2", [:])

        then:
        CommandFailedException e = thrown()
        e.lastLines() == (11..30)*.toString()

        where:
        stream   | redirect
        'stdout' | ''
        'stderr' | '>&2'
    }

    def "a missing program exits 127 with a clear line, through #how"() {
        when:
        if (how == 'sh') {
            runner.sh('no-such-program-xyzzy --now', [:])
        } else {
            runner.checked(['no-such-program-xyzzy', '--now'])
        }

        then:
        CommandFailedException e = thrown()
        e.commandExitCode() == 127
        e.lastLines().any { it.contains('no-such-program-xyzzy') && it.contains('not found') }

        where:
        how << ['sh', 'an argv']
    }

    def "standard input is empty: cat returns at once with no output"() {
        expect:
        runner.sh('cat', [:]) == ''
        runner.checked(['cat']) == ''
    }

    def "a command that reads a line sees end of input"() {
        expect:
        runner.sh('if read line; then echo "got $line"; else echo eof; fi', [:]) == 'eof'
    }

    def "run reports a failure without throwing and passes extra environment variables"() {
        when:
        CommandResult result = runner.run(['/bin/sh', '-c', 'echo "$GREETING"; exit 4'], [GREETING: 'hello'])

        then:
        !result.succeeded()
        result.exitCode() == 4
        result.stdout() == 'hello'
        result.lastLines() == ['hello']
    }

    def "checked passes arguments without a shell"() {
        expect:
        runner.checked(['printf', '%s|', 'a b', '$HOME', '*']) == 'a b|$HOME|*|'
    }

    /** Ten lines on stdout and ten on stderr, alternating, written as fast as the shell can. */
    static final String ALTERNATING = 'for i in 1 2 3 4 5 6 7 8 9 10; do echo "out $i"; echo "err $i" >&2; done; exit 3'
    static final List<String> IN_ORDER = (1..10).collectMany { ["out $it".toString(), "err $it".toString()] }

    def "a command run for its effect has its last lines in exactly the order it wrote them, through #how"() {
        when:
        List<String> lines = call(runner)

        then:
        lines == IN_ORDER

        where:
        how       | call
        'effect'  | { CommandRunner r -> r.effect(['/bin/sh', '-c', ALTERNATING], [:]).lastLines() }
        'checked' | { CommandRunner r ->
            try { r.checked(['/bin/sh', '-c', ALTERNATING]); [] } catch (CommandFailedException e) { e.lastLines() }
        }
    }

    def "the log gets a command's lines in the order of its last lines"() {
        given:
        def log = RunLog.open(dir.resolve('stack.sh.log'), 'now', Clock.systemUTC())
        def console = new Console(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
        console.useLog(log)

        when:
        def result = new CommandRunner(console).run(['/bin/sh', '-c', ALTERNATING], [:])
        List<String> logged = Files.readAllLines(log.file()).collect { it.substring(it.indexOf('| ') + 2) }
                .findAll { it ==~ /(out|err) \d+/ }

        then:
        logged == result.lastLines()
        result.stdout() == (1..10).collect { "out $it" }.join('\n')
    }

    def "once the run is stopped no command starts: #how"() {
        given:
        runner.stopRunning()
        Path marker = dir.resolve('started')

        when:
        call(runner, ['/bin/sh', '-c', "touch '$marker'".toString()])

        then:
        RunInterruptedException e = thrown()
        e.message == "not started, the run is being interrupted: /bin/sh -c touch '$marker'"
        !Files.exists(marker)
        runner.stopped()

        where:
        how         | call
        'run'       | { CommandRunner r, List<String> argv -> r.run(argv, [:]) }
        'effect'    | { CommandRunner r, List<String> argv -> r.effect(argv, [:]) }
        'query'     | { CommandRunner r, List<String> argv -> r.query(argv, [:]) }
        'readBytes' | { CommandRunner r, List<String> argv -> r.readBytes(argv) }
        'sh'        | { CommandRunner r, List<String> argv -> r.sh(argv[2], [:]) }
    }

    def "a log that fails while a command writes stops neither the reading nor the command; the failure comes after it"() {
        given: 'a log on a pipe whose reader goes away after the command line: every later write fails'
        Path fifo = dir.resolve('stack.sh.log.fifo')
        assert new ProcessBuilder('mkfifo', fifo.toString()).start().exitCode() == 0
        Thread reader = Thread.start {
            new FileInputStream(fifo.toFile()).withStream { InputStream input ->
                def lines = new BufferedReader(new InputStreamReader(input))
                String line
                while ((line = lines.readLine()) != null && !line.contains('+ /bin/sh')) {
                }
            }
        }
        def console = new Console(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
        console.useLog(RunLog.open(dir.resolve('stack.sh.log'), 'fifo', Clock.systemUTC()))
        Path done = dir.resolve('done')

        when: 'more output than a pipe holds, so that an unread pipe would block the command'
        new CommandRunner(console).run(['/bin/sh', '-c', "seq 1 200000; touch '$done'".toString()], [:])

        then:
        LogWriteException e = thrown()
        e.message.endsWith('stack.sh.log.fifo: Broken pipe')
        Files.exists(done)

        cleanup:
        reader?.join(10000)
    }
}
