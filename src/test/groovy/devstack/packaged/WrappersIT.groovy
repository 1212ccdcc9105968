package devstack.packaged

import devstack.testkit.MachineWide
import devstack.testkit.MachinePackages
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * The README's main command on the shipped tree: ./stack.sh, ./unstack.sh and ./clean.sh run the packaged program
 * with the shipped hooks and the fake hypervisor. DEST and NOVA_CONF come from the environment (which overrides
 * the defaults), so the run stays inside a temporary directory; cowsay is really installed.
 */
@Stepwise
@Requires({ System.getProperty('user.name') == 'root' && Files.isExecutable(Path.of('/usr/bin/apt-get')) })
@MachineWide
class WrappersIT extends Specification {
    static final Path PROJECT = Path.of('').toAbsolutePath()

    @TempDir
    @Shared
    Path dir

    @Shared
    Set<String> packagesBefore

    def setupSpec() {
        packagesBefore = MachinePackages.installed()
    }

    /** The shipped tree installs cowsay when it is missing: it goes again, and nothing else. */
    def cleanupSpec() {
        // The launcher builds its class-data archive in the background after a run: let it finish first.
        LauncherIT.waitForArchive(dir.resolve('cache'))
        MachinePackages.restore(packagesBefore)
    }

    private Map run(String script, String... args) {
        def command = [PROJECT.resolve(script).toString()] + args.toList()
        def builder = new ProcessBuilder(command).directory(dir.toFile())
        builder.environment().putAll(DEST: dir.resolve('stack').toString(),
                NOVA_CONF: dir.resolve('etc/nova/nova.conf').toString(),
                DEVSTACK_CACHE_DIR: dir.resolve('cache').toString())
        def process = builder.start()
        def err = new StringBuilder()
        process.consumeProcessErrorStream(err)
        def out = process.inputStream.text
        assert process.waitFor(10, TimeUnit.MINUTES): "$command did not end within 10 minutes"
        [exit: process.exitValue(), out: out, err: err.toString()]
    }

    def "--version answers from the packaged jar"() {
        when:
        def process = new ProcessBuilder('java', '-jar', PROJECT.resolve('target/devstack.jar').toString(), '--version')
                .redirectErrorStream(true).start()
        def out = process.inputStream.text

        then:
        process.waitFor(5, TimeUnit.MINUTES)
        process.exitValue() == 0
        out.startsWith('devstack 0.')
    }

    def "./stack.sh brings the shipped configuration up"() {
        when:
        def result = run('stack.sh')

        then:
        result.exit == 0
        result.out.contains('Configuring system services Template')
        result.out.contains('< Hello from the template plugin >')
        result.out.readLines().last() ==~ /stack\.sh completed in \d+\.\d seconds\./
        Files.readString(dir.resolve('etc/nova/nova.conf')).contains('compute_driver = fake.FakeDriver')
        Files.isSymbolicLink(dir.resolve('stack/logs/stack.sh.log'))
    }

    def "./unstack.sh stops it"() {
        when:
        def result = run('unstack.sh')

        then:
        result.exit == 0
        result.out.readLines().last() ==~ /unstack\.sh completed in \d+\.\d seconds\./
    }

    def "./clean.sh removes what stack left"() {
        when:
        def result = run('clean.sh')

        then:
        result.exit == 0
        !Files.exists(dir.resolve('stack/data'))
        !Files.exists(dir.resolve('stack/logs'))
        !Files.exists(dir.resolve('etc/nova'))
    }

    def "a wrapper passes bad usage through and exits 2"() {
        expect:
        run('unstack.sh', '--no-such-option').exit == 2
    }
}
