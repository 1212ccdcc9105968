package devstack.packaged

import devstack.testkit.MachineWide
import spock.lang.Requires
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * The multinode playbooks (ansible/), run for real by ansible/test-on-one-machine.sh: three hosts as network
 * namespaces with their own sshd and addresses, driven by Ansible over ssh with the packaged program. The script
 * checks the hosts' configuration and processes itself; this spec runs it and checks that it passed and that the
 * machine is as it was: the same packages (it installs and purges what it needs), no network namespace and no
 * process of its own left. It runs as root where the machine allows network namespaces; elsewhere it is skipped,
 * and stderr says why.
 */
@Requires(value = { MultinodeIT.whyNot() == null },
        reason = 'needs root and network namespaces on Debian (ansible/test-on-one-machine.sh --check says why not)')
@MachineWide
class MultinodeIT extends Specification {
    static final Path PROJECT = Path.of('').toAbsolutePath()
    static final Path SCRIPT = PROJECT.resolve('ansible/test-on-one-machine.sh')
    // A safety net far above the few minutes the test takes; the script bounds its own steps too.
    static final long TIMEOUT_MINUTES = 20

    private static String answer

    /** Why the test cannot run here, as the script's --check says, or null when it can; asked once. */
    static synchronized String whyNot() {
        if (answer == null) {
            def process = new ProcessBuilder('bash', SCRIPT.toString(), '--check').redirectErrorStream(true).start()
            String out = process.inputStream.text.trim()
            int exit = process.exitCode()
            answer = exit == 0 ? '' : exit == 3 ? out : "its --check failed (exit $exit): $out"
            if (answer) {
                System.err.println("MultinodeIT skipped: $answer")
            }
        }
        answer ?: null
    }

    private static String output(String... command) {
        def process = new ProcessBuilder(command).redirectErrorStream(true).start()
        String out = process.inputStream.text
        assert process.exitCode() == 0: "${command.join(' ')}: $out"
        out
    }

    private static List<String> namespaces() {
        Path dir = Path.of('/run/netns')
        Files.isDirectory(dir) ? Files.list(dir).withCloseable { it.toList() }*.fileName*.toString().sort() : null
    }

    /** Processes whose command line names one of the script's temporary directories (its sshds and services). */
    private static List<String> leftovers() {
        List<Path> processes = Files.list(Path.of('/proc')).withCloseable { it.toList() }
        processes.findAll { it.fileName.toString().isNumber() }.collect { proc ->
            try {
                String line = new String(Files.readAllBytes(proc.resolve('cmdline'))).replace('\u0000', ' ')
                line.contains('/devstack-multinode.') ? "${proc.fileName}: $line".toString() : null
            } catch (IOException ignored) {
                null  // the process ended meanwhile
            }
        }.findAll()
    }

    /** Runs the script, its output shown as it comes; a run past the timeout is stopped (its clean-up runs). */
    private static Map runScript() {
        def process = new ProcessBuilder('bash', SCRIPT.toString()).directory(PROJECT.toFile())
                .redirectErrorStream(true).start()
        def lines = Collections.synchronizedList([])
        def reader = Thread.start {
            process.inputStream.eachLine { line ->
                println line
                lines << line
            }
        }
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.descendants().forEach { it.destroy() }
            process.destroy()
            process.waitFor(5, TimeUnit.MINUTES)
            assert false: "ansible/test-on-one-machine.sh did not finish within $TIMEOUT_MINUTES minutes"
        }
        reader.join(TimeUnit.MINUTES.toMillis(1))
        [exit: process.exitValue(), out: lines.join('\n')]
    }

    def "the playbooks report failed hosts, then stack, unstack and clean three hosts, and leave the machine as it was"() {
        given:
        String packagesBefore = output('dpkg-query', '-W')
        def namespacesBefore = namespaces()

        when:
        def run = runScript()

        then: 'both scenarios passed'
        run.exit == 0
        run.out.contains("scenario 1: compute2 unreachable, compute1's stack fails")
        run.out.contains('scenario 2: fixed, stack again, then unstack and clean on three hosts')
        run.out.readLines().last().endsWith('] passed')

        and: 'the machine is as it was'
        output('dpkg-query', '-W') == packagesBefore
        namespaces() == namespacesBefore
        leftovers() == []
    }
}
