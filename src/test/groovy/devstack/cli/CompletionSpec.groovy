package devstack.cli

import devstack.testkit.Cli
import spock.lang.Requires
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** {@code devstack completion bash|zsh|gdsl}: completion scripts that the real shells run. */
class CompletionSpec extends Specification {
    @TempDir
    Path dir

    static boolean onPath(String program) {
        System.getenv('PATH').split(':').any { Files.isExecutable(Path.of(it, program)) }
    }

    /** The script the command prints, in a file; bin/devstack passes --top-dir, which it takes and ignores. */
    Path script(String shell) {
        def run = Cli.run(dir, 'completion', shell)
        assert run.exitCode == 0: run
        Path file = dir.resolve("devstack.$shell")
        Files.writeString(file, run.out)
        file
    }

    /**
     * Runs {@code shell -c code}, returning stdout; fails the spec on a non-zero exit. The output goes to files, read
     * once the shell has ended (bounded by a generous timeout), so none of it can still be on its way.
     */
    static String shell(String program, String code) {
        Path out = Files.createTempFile('completion', '.out')
        Path err = Files.createTempFile('completion', '.err')
        try {
            def process = new ProcessBuilder(program, '-c', code).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start()
            assert process.exitCode() == 0: "$program failed: ${Files.readString(err)}"
            Files.readString(out)
        } finally {
            Files.deleteIfExists(out)
            Files.deleteIfExists(err)
        }
    }

    /** Completes {@code words} (the last one being completed) with the script's function, as the shell would. */
    static String complete(String program, Path script, List<String> words) {
        String array = words.collect { "'$it'" }.join(' ')
        shell(program, """
source '$script' 2>/dev/null
COMP_WORDS=($array)
COMP_CWORD=${words.size() - 1}
COMP_LINE='${words.join(' ')}'
COMP_POINT=\${#COMP_LINE}
_complete_devstack devstack '${words.last()}' '${words[-2]}' 2>/dev/null
echo "\${COMPREPLY[@]}"
""").trim()
    }

    @Requires({ CompletionSpec.onPath('bash') })
    def "bash completes the commands, their options and the completion kinds: #words"() {
        given:
        Path file = script('bash')

        expect:
        complete('bash', file, words).split(' ').toList().containsAll(expected)

        where:
        words                             | expected
        ['devstack', '']                  | ['stack', 'unstack', 'clean', 'plugins', 'check', 'new-plugin', 'completion']
        ['devstack', 'ch']                | ['check']
        ['devstack', 'stack', '--d']      | ['--debug', '--dry-run']
        ['devstack', 'unstack', '--a']    | ['--all']
        ['devstack', 'completion', '']    | ['bash', 'zsh', 'gdsl']
    }

    @Requires({ CompletionSpec.onPath('bash') })
    def "bash registers the completion for the devstack command, which bin/devstack also gets"() {
        expect:
        shell('bash', "source '${script('bash')}'; complete -p devstack").trim() ==
                'complete -o default -F _complete_devstack devstack'
    }

    @Requires({ CompletionSpec.onPath('zsh') })
    def "zsh completes with the same script, through its bash completion, in a real interactive shell"() {
        given: 'an interactive zsh on a pseudo-terminal that sources the script, then gets "devstack chec" and a tab'
        Path file = script('zsh')
        Path driver = dir.resolve('drive.zsh')
        Files.writeString(driver, """
zmodload zsh/zpty
zpty z 'PS1="> " zsh -f -i'
zpty -w z "source '$file'"
zpty -w -n z \$'devstack chec\\t'
out=""
for i in {1..300}; do
  while zpty -r -t z chunk; do out+=\$chunk; done
  [[ \$out == *"devstack check"* ]] && break
  sleep 0.1
done
zpty -d z
print -r -- "\$out"
""")

        expect: 'the tab completed the command'
        shell('zsh', "zsh -f '$driver'").contains('devstack check')
    }

    def "completion gdsl prints the IDE file the build put into the program"() {
        when:
        def run = Cli.run(dir, 'completion', 'gdsl')

        then:
        run.exitCode == 0
        run.out == CompletionSpec.getResource('/devstack.gdsl').getText('UTF-8')
        run.out.contains("method name: 'install_package'")
    }

    def "an unknown shell is bad usage, exit 2, naming the ones there are"() {
        when:
        def run = Cli.run(dir, 'completion', 'fish')

        then:
        run.exitCode == 2
        run.err.contains('bash, zsh, gdsl')
    }
}
