package devstack.lifecycle

import devstack.system.ProcessRecord
import devstack.system.ProcessTable
import devstack.testkit.Cli
import devstack.testkit.Tree
import spock.lang.Specification
import spock.lang.TempDir
import spock.lang.Timeout
import spock.util.concurrent.PollingConditions

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * SPEC §2 and §4 "Processes", end to end on real processes: stack starts them with run_process, service_check
 * fails stack at test-config for every enabled service that died, and unstack, a new run that knows only the pid
 * files, stops every recorded process group, even after the run that started it was killed.
 */
@Timeout(120)
class ProcessLifecycleSpec extends Specification {
    static final Path PROJECT = Path.of('').toAbsolutePath()

    @TempDir
    Path dir

    Tree tree
    ProcessTable table = new ProcessTable()
    PollingConditions conditions = new PollingConditions(timeout: 10, delay: 0.05)
    String marker = "devstack-spec-${UUID.randomUUID()}"
    List<Process> spawned = []

    def setup() {
        tree = new Tree(dir).probeHook()
    }

    def cleanup() {
        spawned*.destroyForcibly()
        // Whatever a failed feature left running.
        if (Files.isDirectory(serviceDir)) {
            Files.list(serviceDir).filter { it.toString().endsWith('.pid') }.each {
                def pid = Files.readAllLines(it).find()
                if (pid ==~ /\d+/ && table.groupMembers(pid as long)) {
                    new ProcessBuilder('/bin/sh', '-c', "kill -s KILL -- -$pid").start().exitCode()
                }
            }
        }
    }

    Path getServiceDir() { tree.dest.resolve('status') }

    Path getLogDir() { tree.dest.resolve('logs') }

    /** A service command: a shell leading its group, with two children; all of it runs until stopped. */
    String longRunning(String tag = marker) {
        "sh -c 'sleep 300 & sleep 300 & wait' $tag"
    }

    long pidOf(String service) {
        Files.readAllLines(serviceDir.resolve("${service}.pid"))[0] as long
    }

    /** True while the command line of any process but this one contains {@code text}. */
    boolean running(String text) {
        long self = ProcessHandle.current().pid()
        table.pids().any { it != self && table.commandLine(it).contains(text) }
    }

    Path gate() { dir.resolve('gate') }

    /**
     * A shell loop that ends only when the gate is opened (its file removed): a service that outlives its start
     * grace however slow the machine is, then dies when told (never after a fixed sleep against the grace).
     */
    String untilOpened() {
        Files.writeString(gate(), 'closed')
        "while [ -e '${gate()}' ]; do sleep 0.1; done"
    }

    /** A hook that runs {@code body} at stack's extra phase. */
    void atExtra(String body) {
        tree.hook('50-services.groovy', "if (\$1 == 'stack' && \$2 == 'extra') {\n$body\n}\n")
    }

    def "stack starts processes that outlive it; unstack stops each group although no hook stops it"() {
        given:
        atExtra("""
run_process 'sleeper', "${longRunning()}"
run_process 'other', "${longRunning()}"
""")
        tree.localConf('ENABLED_SERVICES=sleeper,other')

        when:
        def stack = Cli.run(tree.root, 'stack')
        def sleeper = pidOf('sleeper')
        def other = pidOf('other')
        def members = table.groupMembers(sleeper) + table.groupMembers(other)

        then: 'they run after stack has returned, each leading its own group'
        stack.exitCode == 0
        table.groupMembers(sleeper).size() >= 3
        table.groupMembers(other).size() >= 3

        when:
        def unstack = Cli.run(tree.root, 'unstack')

        then:
        unstack.exitCode == 0
        unstack.out.readLines().findAll { it.startsWith('Stopped') } ==
                ["Stopped other (pid $other)", "Stopped sleeper (pid $sleeper)"]*.toString()
        members.every { !table.isAlive(it) }
        !Files.exists(serviceDir.resolve('sleeper.pid'))
        !Files.exists(serviceDir.resolve('other.pid'))
    }

    def "unstack stops the processes of a stack run that was killed, with their whole process group"() {
        given: 'a stack that starts a service, then hangs until it is killed'
        atExtra("""
run_process 'victim', "${longRunning()}"
new File(PROBE_LOG) << 'victim started\\n'
Thread.sleep(120_000)
""")
        tree.localConf('ENABLED_SERVICES=victim')
        def host = new ProcessBuilder(javaCommand() + ['stack', '--top-dir', tree.root.toString()])
                .redirectErrorStream(true).redirectOutput(dir.resolve('host.out').toFile()).start()
        spawned << host
        new PollingConditions(timeout: 60, delay: 0.1).eventually {
            assert tree.probed().contains('victim started') || !host.alive
        }
        assert host.alive: Files.readString(dir.resolve('host.out'))

        when: 'the host is killed outright'
        host.destroyForcibly().waitFor(10, TimeUnit.SECONDS)
        def victim = pidOf('victim')
        def members = table.groupMembers(victim)

        then: 'the service lives on'
        !host.alive
        members.size() >= 3
        members.every { table.isAlive(it) }

        when: 'a new run, which knows only the pid file, unstacks'
        def unstack = Cli.run(tree.root, 'unstack')

        then:
        unstack.exitCode == 0
        unstack.out.contains("Stopped victim (pid $victim)")
        members.every { !table.isAlive(it) }
        !running(marker)
        !Files.exists(serviceDir.resolve('victim.pid'))
    }

    def "a process its hook stopped is not stopped twice; one whose service is no longer enabled is still stopped"() {
        given:
        atExtra("""
run_process 'keeper', "${longRunning()}"
run_process 'dropped', "${longRunning()}"
""")
        tree.hook('60-stop.groovy', "if (\$1 == 'unstack') { stop_process 'keeper' }")
        tree.localConf('ENABLED_SERVICES=keeper,dropped')
        assert Cli.run(tree.root, 'stack').exitCode == 0
        def keeper = pidOf('keeper')
        def dropped = pidOf('dropped')
        tree.localConf('ENABLED_SERVICES=keeper')

        when:
        def unstack = Cli.run(tree.root, 'unstack')

        then:
        unstack.exitCode == 0
        unstack.out.readLines().findAll { it.startsWith('Stopped') } ==
                ["Stopped keeper (pid $keeper)", "Stopped dropped (pid $dropped)"]*.toString()
        table.groupMembers(keeper).isEmpty()
        table.groupMembers(dropped).isEmpty()
    }

    def "service_check fails stack at test-config naming every enabled service that died, before local.sh"() {
        given:
        String dying = "$marker-dying"
        atExtra("""
run_process 'healthy', "${longRunning()}"
run_process 'first', "echo first is up; ${untilOpened()}; echo first lost its database >&2; exit 3 # $dying"
run_process 'second', "echo second is up; ${untilOpened()}; exit 4 # $dying"
new File('${gate()}').delete()
while (is_running('$dying')) { Thread.sleep(50) }
""")
        tree.write('local.sh', "#!/bin/sh\necho local.sh >> '$tree.probeLog'\n")
        tree.root.resolve('local.sh').toFile().setExecutable(true)
        tree.localConf('ENABLED_SERVICES=healthy,first,second')

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 1
        run.err.contains('[ERROR] stack test-config: service_check: 2 services have died: first, second\n')
        run.err.contains("Error: Service first is not running: pid ")
        run.err.contains("    last lines of ${logDir.resolve('first.log')}:\n" +
                '      first is up\n      first lost its database\n')
        run.err.contains("Error: Service second is not running: pid ")
        run.err.contains('      second is up\n')
        !run.err.contains('Service healthy')

        and: 'local.sh and the test-config hooks did not run'
        !tree.probed().contains('local.sh')
        !tree.probed().contains('hook stack test-config')
        tree.probed().contains('hook stack extra')

        and: 'what still runs is stopped by unstack'
        running(marker)
        Cli.run(tree.root, 'unstack').exitCode == 0
        !running(marker)
    }

    def "service_check passes when every service runs, and is_running sees them from a hook"() {
        given:
        atExtra("run_process 'healthy', \"${longRunning()}\"")
        tree.hook('60-probe.groovy', """if (\$1 == 'stack' && \$2 == 'test-config') {
    new File(PROBE_LOG) << "running=\${is_running('$marker')} other=\${is_running('$marker-not')}\\n"
}""")
        tree.localConf('ENABLED_SERVICES=healthy')

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 0
        tree.probed().contains('running=true other=false')
        tree.probed().contains('hook stack test-config')
    }

    def "run_process does nothing for a service that is not enabled"() {
        given:
        atExtra("run_process 'absent', \"${longRunning()}\"")
        tree.localConf('ENABLED_SERVICES=template')

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 0
        !Files.exists(serviceDir.resolve('absent.pid'))
        !running(marker)
    }

    def "a process that exits within its first second fails stack at once, with its exit code and its log"() {
        given:
        atExtra("""
run_process 'crasher', "echo crasher reading its config; echo 'crasher: bad option --x' >&2; exit 3 # $marker"
""")
        tree.localConf('ENABLED_SERVICES=crasher')

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 1
        run.err.contains('[ERROR] stack extra in extras.d/50-services.groovy:3: run_process crasher: exited with ' +
                'code 3 within its first second: echo crasher reading its config')
        run.err.contains("    last lines of ${logDir.resolve('crasher.log')}:\n" +
                '      crasher reading its config\n      crasher: bad option --x\n')
        !tree.probed().contains('hook stack test-config')
        !Files.exists(serviceDir.resolve('crasher.pid'))
    }

    def "run_process for a command that is not found fails naming the program"() {
        given:
        atExtra("run_process 'ghost', 'no-such-program-d3v5t4ck --serve'")
        tree.localConf('ENABLED_SERVICES=ghost')

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 1
        run.err.contains('[ERROR] stack extra in extras.d/50-services.groovy:2: run_process ghost: ' +
                'command not found: no-such-program-d3v5t4ck')
        !Files.exists(serviceDir.resolve('ghost.pid'))
    }

    def "unstack removes a stale pid file whose pid now belongs to another program, and never kills it"() {
        given: 'another program, leading its own group, holds the recorded pid but started at another time'
        def other = new ProcessBuilder('setsid', 'sleep', '300').start()
        spawned << other
        // Until setsid has also exec'd sleep: the name is what the warning shows.
        conditions.eventually {
            def stat = table.stat(other.pid()).get()
            assert stat.processGroup() == other.pid() && stat.name() == 'sleep'
        }
        Files.createDirectories(serviceDir)
        long otherStart = table.stat(other.pid()).get().startTicks()
        new ProcessRecord('ghost', other.pid(), otherStart + 1, 'ghost --serve', logDir.resolve('ghost.log'), 0)
                .write(serviceDir.resolve('ghost.pid'))
        tree.localConf('ENABLED_SERVICES=ghost')

        when:
        def run = Cli.run(tree.root, 'unstack')

        then:
        run.exitCode == 0
        other.alive
        !Files.exists(serviceDir.resolve('ghost.pid'))
        run.err.contains("[WARNING] removed the stale pid file ${serviceDir.resolve('ghost.pid')}: pid ${other.pid()} " +
                'now belongs to another program (sleep), which was not touched')
        !run.out.contains('Stopped')
    }

    def "a SERVICE_DIR that is not a directory is a clear error naming it"() {
        given:
        Path notADir = dir.resolve('status-file')
        Files.writeString(notADir, '')
        tree.hook('50-services.groovy', "if (\$1 == 'unstack') { run_process 'sleeper', \"${longRunning()}\" }")
        tree.localConf("ENABLED_SERVICES=sleeper\nSERVICE_DIR=$notADir")

        when:
        def run = Cli.run(tree.root, 'unstack')

        then:
        run.exitCode == 1
        run.err.contains("run_process sleeper: SERVICE_DIR ($notADir) is not a directory")
        run.err.contains('hint: set SERVICE_DIR to a directory')
        !running(marker)
    }

    def "--dry-run prints the processes stack would start and unstack would stop, and touches none"() {
        given: 'a service started by a real stack'
        atExtra("run_process 'sleeper', \"${longRunning()}\"\nrun_process 'newcomer', \"${longRunning("$marker-new")}\"")
        tree.localConf('ENABLED_SERVICES=sleeper')
        assert Cli.run(tree.root, 'stack').exitCode == 0
        def sleeper = pidOf('sleeper')
        tree.localConf('ENABLED_SERVICES=sleeper,newcomer')

        when:
        def stack = Cli.run(tree.root, 'stack', '--dry-run')

        then: 'the running one is not restarted, the new one not started'
        stack.exitCode == 0
        stack.out.contains("[dry-run] would start sleeper: ${longRunning()}")
        stack.out.contains("[dry-run] would start newcomer: ${longRunning("$marker-new")}")
        !running("$marker-new")
        pidOf('sleeper') == sleeper
        table.groupMembers(sleeper).size() >= 3

        when: 'a hook stops it at unstack, and the core would stop it too'
        tree.write('extras.d/70-stop.groovy', "if (\$1 == 'unstack') { stop_process 'sleeper' }")
        def unstack = Cli.run(tree.root, 'unstack', '--dry-run')

        then: 'the plan stops it once'
        unstack.exitCode == 0
        unstack.out.readLines().count { it == '[dry-run] would stop sleeper' } == 1
        !unstack.out.contains('Stopped')
        table.groupMembers(sleeper).size() >= 3
        pidOf('sleeper') == sleeper
    }

    def "the shipped demo service works in a DEST with a blank and an apostrophe: no path is read as shell syntax"() {
        given:
        tree.write('extras.d/60-demo.groovy', Files.readString(PROJECT.resolve('extras.d/60-demo.groovy')))
        tree.write('lib/demo.groovy', Files.readString(PROJECT.resolve('lib/demo.groovy')))
        Path dest = dir.resolve("it's a dest")
        tree.write('local.conf', """[[local|localrc]]
DEST="$dest"
NOVA_CONF=${tree.novaConf}
VERBOSE=False
PROBE_LOG=${tree.probeLog}
ENABLED_SERVICES=demo
DEMO_INTERVAL=1
""")
        Path heartbeat = dest.resolve('data/demo/heartbeat')

        when:
        def stack = Cli.run(tree.root, 'stack')

        then:
        stack.exitCode == 0
        conditions.eventually { assert Files.exists(heartbeat) }
        Files.readAllLines(dest.resolve('status/demo.pid'))[0] as long > 1

        when:
        def unstack = Cli.run(tree.root, 'unstack')
        def clean = Cli.run(tree.root, 'clean')

        then:
        unstack.exitCode == 0
        unstack.out.contains('Stopped demo')
        clean.exitCode == 0
        !Files.exists(dest.resolve('data'))
        Files.isDirectory(dest)
    }

    def "the shipped demo service: stack starts it and it works, unstack stops it, clean removes its state"() {
        given:
        tree.write('extras.d/60-demo.groovy', Files.readString(PROJECT.resolve('extras.d/60-demo.groovy')))
        tree.write('lib/demo.groovy', Files.readString(PROJECT.resolve('lib/demo.groovy')))
        tree.localConf('ENABLED_SERVICES=demo\nDEMO_INTERVAL=1')
        Path heartbeat = tree.dest.resolve('data/demo/heartbeat')

        when:
        def stack = Cli.run(tree.root, 'stack')
        def pid = pidOf('demo')

        then:
        stack.exitCode == 0
        stack.out.contains('Starting Demo')
        table.isAlive(pid)
        conditions.eventually {
            assert Files.readString(logDir.resolve('demo.log')).contains("demo: started as pid $pid")
            assert Files.exists(heartbeat)
        }

        when: 'its heartbeat ticks'
        def first = Files.readString(heartbeat)

        then:
        new PollingConditions(timeout: 5, delay: 0.1).eventually {
            assert Files.readString(heartbeat) != first
        }

        when:
        def unstack = Cli.run(tree.root, 'unstack')

        then:
        unstack.exitCode == 0
        unstack.out.readLines().findAll { it.startsWith('Stopped') } == ["Stopped demo (pid $pid)".toString()]
        table.groupMembers(pid).isEmpty()
        Files.readString(logDir.resolve('demo.log')).contains('demo: stopping')

        when:
        def clean = Cli.run(tree.root, 'clean')

        then:
        clean.exitCode == 0
        !Files.exists(tree.dest.resolve('data/demo'))
    }

    /** The command that runs this build's CLI in a JVM of its own. */
    private static List<String> javaCommand() {
        [Path.of(System.getProperty('java.home'), 'bin', 'java').toString(), '-cp',
         System.getProperty('java.class.path'), 'devstack.cli.Main']
    }
}
