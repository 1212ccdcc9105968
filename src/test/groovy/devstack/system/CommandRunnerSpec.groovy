package devstack.system

import devstack.console.Console
import spock.lang.Specification
import spock.lang.Timeout

/** sh(command) (SPEC §4 "Commands") on the real /bin/sh. */
@Timeout(30)
class CommandRunnerSpec extends Specification {

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
}
