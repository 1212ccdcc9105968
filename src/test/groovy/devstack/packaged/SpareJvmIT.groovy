package devstack.packaged

import devstack.testkit.BoundedWaits
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * The spare JVM (docs/configuration.md): after a command that runs plugins, bin/devstack leaves a warmed-up JVM
 * that the next command with the same settings runs in, as if it were that launcher's own: its arguments,
 * directory, environment, standard streams, exit status and Ctrl-C. A probe hook says which process ran it: the
 * launcher's own JVM has the launcher's process id (bin/devstack execs it), a spare's is the child of the wrapper
 * its directory names. The features share one cache (class cache, JVM archive, spares), so that the archive is
 * built once; each has a tree of its own, so a spare of one feature never matches another's settings, and every
 * spare a feature started is stopped after it.
 */
class SpareJvmIT extends Specification {
    static final Path PROJECT = Path.of('').toAbsolutePath()
    /** A wait for a spare to warm up or go away: a safety net on a loaded machine, never a deadline. */
    static final long PATIENCE_SECONDS = 300

    @TempDir
    Path dir

    @TempDir
    @Shared
    Path shared

    /** The tree's name, unique on the machine: commands name it relatively ({@code --top-dir ../NAME}). */
    String name = "spare-it-${System.nanoTime()}"
    Path tree
    Path spares

    def setup() {
        tree = dir.resolve(name)
        Files.createDirectories(tree.resolve('extras.d'))
        Files.writeString(tree.resolve('local.conf'),
                "[[local|localrc]]\nDEST=${tree.resolve('dest')}\nENABLED_SERVICES=probe\nOFFLINE=True\n")
        Files.writeString(tree.resolve('extras.d/10-probe.groovy'), '''\
            if ($1 == 'stack' && $2 == 'install') {
                def self = ProcessHandle.current()
                echo_summary "probe pid=${self.pid()} parent=${self.parent().map { it.pid() }.orElse(-1L)} value=${SPARE_PROBE}"
                if (SPARE_PROBE == 'fail') {
                    die 'failed on purpose'
                }
                if (SPARE_PROBE == 'sleep') {
                    sh 'sleep 3017'
                }
            }
            '''.stripIndent())
        Path cache = shared.resolve('cache')
        Files.createDirectories(cache)
        spares = cache.resolve('jvm/spare')
    }

    def cleanupSpec() {
        // The archive the first run left to be built in the background: waited for before its directory goes.
        LauncherIT.waitForArchive(shared.resolve('cache'))
    }

    def cleanup() {
        // The launchers that ran the JVM themselves start a spare once it ends, from a process that has their
        // command line: wait for those (stopping a spare first would keep that process waiting for its
        // directory), then stop every spare of the cache.
        waitUntil { !processes().any { it.contains('bin/devstack ') && it.contains("../$name") } }
        stopSpares()
    }

    /** Runs bin/devstack COMMAND in the tree, with the feature's cache and {@code env}. */
    Map run(Map<String, String> env = [:], String... command) {
        Process process = start(env, command)
        def err = new StringBuilder()
        def errReader = process.consumeProcessErrorStream(err)
        def out = process.inputStream.text
        int exit = BoundedWaits.exitCode(process)
        errReader.join(60_000)
        [exit: exit, out: out, err: err.toString(), pid: process.pid(), probe: probe(out)]
    }

    Process start(Map<String, String> env = [:], String... command) {
        // Default actions for SIGINT and SIGQUIT, as a command typed at a terminal has them.
        def builder = new ProcessBuilder(['env', '--default-signal=INT,QUIT',
                                          PROJECT.resolve('bin/devstack').toString()] + command.toList())
                .directory(tree.toFile())
        builder.environment().putAll([DEVSTACK_CACHE_DIR: shared.resolve('cache').toString(), DEVSTACK_SPARE_JVM: 'on',
                                      SPARE_PROBE: 'none'] + env)
        builder.start()
    }

    /** What the probe hook said: the process that ran it, its parent, and the SPARE_PROBE it saw. */
    static Map probe(String out) {
        def line = out.readLines().find { it.startsWith('probe pid=') }
        if (line == null) {
            return [:]
        }
        def match = line =~ /probe pid=(\d+) parent=(-?\d+) value=(.*)/
        assert match.matches()
        [pid: match.group(1) as long, parent: match.group(2) as long, value: match.group(3)]
    }

    /** The spares' directories by state: [ready: [pid, ...], warming: [...], ...]. */
    Map<String, List<Long>> spareStates() {
        if (!Files.isDirectory(spares)) {
            return [:]
        }
        Files.list(spares).withCloseable { paths ->
            paths.map { it.fileName.toString() }.filter { it ==~ /\d+-\d+\.\w+/ }.toList()
                    .groupBy { it.substring(it.lastIndexOf('.') + 1) }
                    .collectEntries { state, names -> [state, names.collect { it.replaceAll(/^\d+-(\d+)\..*$/, '$1') as long }] }
        }
    }

    /** Waits until a spare is ready to take a command; its wrapper's process id. */
    long readySpare() {
        waitUntil { spareStates().ready }
        spareStates().ready[0]
    }

    static List<String> processes() {
        ProcessHandle.allProcesses().toList().collect { it.info().commandLine().orElse('') }
    }

    static void waitUntil(Closure<?> condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS)
        while (!condition()) {
            assert System.nanoTime() < deadline, "still waiting after $PATIENCE_SECONDS s"
            Thread.sleep(100)
        }
    }

    /**
     * Stops every spare of the cache (their process groups) and waits until none is left; one still being started
     * (by a launcher's background start, just forked) is stopped when it shows up.
     */
    void stopSpares() {
        waitUntil {
            List<ProcessHandle> wrappers = ProcessHandle.allProcesses().toList().findAll {
                it.info().commandLine().orElse('').contains("bin/devstack-spare ${spares}/")
            }
            wrappers.each {
                new ProcessBuilder('kill', '-TERM', '--', "-${it.pid()}").start().waitFor(60, TimeUnit.SECONDS)
            }
            wrappers.isEmpty()
        }
    }

    def "a run that loads plugins leaves a spare JVM, and the next run with the same settings is run in it"() {
        when: 'the first run has no spare to take it'
        def first = run('stack', '--top-dir', "../$name")

        then: 'the launcher ran it in its own JVM'
        first.exit == 0
        first.probe.pid == first.pid

        when: 'the next run comes when the spare it left is ready'
        long spare = readySpare()
        def second = run([SPARE_PROBE: 'the launcher\'s own'], 'stack', '--top-dir', "../$name")

        then: 'the spare ran it: a child of the wrapper the directory named, with the launcher\'s environment'
        second.exit == 0
        second.probe.pid != second.pid
        second.probe.parent == spare
        second.probe.value == "the launcher's own"

        and: 'its output went to the launcher\'s standard streams, the whole run as the first'
        second.err == ''
        second.out.readLines().findAll { it.startsWith('phase ') } == first.out.readLines().findAll { it.startsWith('phase ') }
        second.out.contains('stack.sh completed in')

        and: 'the spare was used once: the run left the next one'
        waitUntil { !ProcessHandle.of(spare).present }
        readySpare() != spare
    }

    def "a failure in the spare reaches the launcher: the error on its stderr, the exit status as its own"() {
        given:
        run('stack', '--top-dir', "../$name")
        readySpare()

        when:
        def result = run([SPARE_PROBE: 'fail'], 'stack', '--top-dir', "../$name")

        then:
        result.probe.pid != result.pid
        result.exit == 1
        result.err.contains('[ERROR] stack install in extras.d/10-probe.groovy')
        result.err.contains('failed on purpose')
    }

    def "Ctrl-C on the launcher reaches the run in the spare and the command it runs, as it would its own JVM"() {
        given:
        run('stack', '--top-dir', "../$name")
        long spare = readySpare()

        when: 'the launcher is interrupted while the hook\'s command runs'
        Process launcher = start([SPARE_PROBE: 'sleep'], 'stack', '--top-dir', "../$name")
        def err = new StringBuilder()
        def errReader = launcher.consumeProcessErrorStream(err)
        def out = new StringBuilder()
        def outReader = launcher.consumeProcessOutputStream(out)
        waitUntil { processes().any { it ==~ /(\S*\/)?sleep 3017/ } }
        assert new ProcessBuilder('kill', '-INT', "${launcher.pid()}").start().waitFor(60, TimeUnit.SECONDS)
        int exit = BoundedWaits.exitCode(launcher)
        [errReader, outReader]*.join(60_000)

        then: 'the spare ran it, and reported the interrupt as a run does'
        probe(out.toString()).parent == spare
        exit == 130
        err.toString().contains('[ERROR] stack.sh interrupted during stack install: extras.d/10-probe.groovy')

        and: 'the command got the signal too'
        waitUntil { !processes().any { it ==~ /(\S*\/)?sleep 3017/ } }
    }

    def "a run with other settings (#what) is not given a spare started with different ones"() {
        given:
        run('stack', '--top-dir', "../$name")
        readySpare()

        when:
        def result = run(env, 'stack', '--top-dir', "../$name")

        then: 'the launcher ran it in its own JVM'
        result.exit == 0
        result.probe.pid == result.pid

        where:
        what        | env
        'time zone' | [TZ: 'Pacific/Auckland']
    }

    def "DEVSTACK_SPARE_JVM=off runs the command in the launcher's JVM and stops the tree's spares"() {
        given:
        run('stack', '--top-dir', "../$name")
        long spare = readySpare()

        when:
        def result = run([DEVSTACK_SPARE_JVM: 'off'], 'stack', '--top-dir', "../$name")

        then:
        result.exit == 0
        result.probe.pid == result.pid

        and: 'the spare is gone, and none took its place'
        waitUntil { !ProcessHandle.of(spare).present && spareStates().isEmpty() }
    }

    def "#command may run in a spare, but leaves none: after it, nothing of the tree runs, as after DevStack's"() {
        given:
        run('stack', '--top-dir', "../$name")
        long spare = readySpare()

        when:
        def result = run(command, '--top-dir', "../$name")

        then: 'the spare ran it, and no spare is left'
        result.exit == 0
        result.err == ''
        waitUntil { !ProcessHandle.of(spare).present && spareStates().isEmpty() }

        when: 'it runs in a JVM of its own (other settings), beside a spare'
        run('stack', '--top-dir', "../$name")
        spare = readySpare()
        def own = run([TZ: 'Pacific/Auckland'], command, '--top-dir', "../$name")

        then: 'that spare had ended when the launcher did (its wrapper removes its directory last), none was started'
        own.exit == 0
        spareStates().isEmpty()
        // Reaping the wrapper is up to the machine's init, which may take a moment.
        waitUntil { !ProcessHandle.of(spare).present }

        where:
        command << ['unstack', 'clean']
    }

    def "a spare that no run claims within DEVSTACK_SPARE_JVM_IDLE seconds ends, and leaves nothing behind"() {
        when:
        run([DEVSTACK_SPARE_JVM_IDLE: '2'], 'stack', '--top-dir', "../$name")
        long spare = readySpare()

        then:
        waitUntil { !ProcessHandle.of(spare).present }
        spareStates().isEmpty()
    }

    def "the directory of a spare whose process is gone is not used, and is removed"() {
        given: 'a ready spare, and a copy of its directory under a process id that no process has'
        run('stack', '--top-dir', "../$name")
        long spare = readySpare()
        String prefix = Files.list(spares).withCloseable { it.toList() }*.fileName*.toString()
                .find { it.endsWith("-${spare}.ready") }.replaceAll(/-\d+\.ready$/, '')
        long gone = 4_000_000 + spare
        Path stale = Files.createDirectory(spares.resolve("${prefix}-${gone}.ready"))
        Files.copy(spares.resolve("${prefix}-${spare}.ready/key"), stale.resolve('key'))
        stopSpares()

        when:
        def result = run('stack', '--top-dir', "../$name")

        then:
        result.exit == 0
        result.probe.pid == result.pid
        waitUntil { !Files.exists(stale) }
    }

    def "bad settings are refused with what to say instead: #setting"() {
        when:
        def result = run(env, 'stack', '--top-dir', "../$name")

        then:
        result.exit == 2
        result.err.contains(says)
        result.probe == [:]

        where:
        setting                       | env                                | says
        'DEVSTACK_SPARE_JVM=maybe'    | [DEVSTACK_SPARE_JVM: 'maybe']      | 'DEVSTACK_SPARE_JVM=maybe: say on (the default) or off'
        'DEVSTACK_SPARE_JVM_IDLE=0'   | [DEVSTACK_SPARE_JVM_IDLE: '0']     | 'DEVSTACK_SPARE_JVM_IDLE=0: say how many seconds'
        'DEVSTACK_SPARE_JVM_IDLE=10m' | [DEVSTACK_SPARE_JVM_IDLE: '10m']   | 'DEVSTACK_SPARE_JVM_IDLE=10m: say how many seconds'
    }
}
