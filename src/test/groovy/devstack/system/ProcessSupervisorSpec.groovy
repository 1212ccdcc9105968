package devstack.system

import devstack.console.Console
import spock.lang.Requires
import spock.lang.Specification
import spock.lang.TempDir
import spock.lang.Timeout
import spock.util.concurrent.PollingConditions

import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration

/**
 * SPEC §4 "Processes" on real processes: the supervisor behind run_process, stop_process, service_check and
 * is_running. Every command carries a marker unique to the feature, so that no check can see another's processes.
 */
@Timeout(60)
class ProcessSupervisorSpec extends Specification {
    static final boolean ROOT = System.getProperty('user.name') == 'root'

    @TempDir
    Path dir

    StringWriter out = new StringWriter()
    StringWriter err = new StringWriter()
    Console console = new Console(new PrintWriter(out), new PrintWriter(err))
    ProcessTable table = new ProcessTable()
    PollingConditions conditions = new PollingConditions(timeout: 5, delay: 0.05)
    String marker = "devstack-spec-${UUID.randomUUID()}"
    List<Process> foreign = []

    Path getServiceDir() { dir.resolve('status') }

    /**
     * A shell loop that ends only when the spec opens the gate: a service that outlives its start grace however
     * slow the machine is, then dies when the spec says so (never after a fixed sleep against the grace).
     */
    String untilOpened() {
        Files.writeString(dir.resolve('gate'), 'closed')
        "while [ -e '${dir.resolve('gate')}' ]; do sleep 0.1; done"
    }

    void openGate() {
        Files.deleteIfExists(dir.resolve('gate'))
    }

    Path getLogDir() { dir.resolve('logs') }

    static List<String> lines(Path file) { Files.readAllLines(file) }

    Supervisor supervisor(Duration stopTimeout = ProcessSupervisor.STOP_TIMEOUT) {
        supervisor(serviceDir, logDir, stopTimeout)
    }

    Supervisor supervisor(Path serviceDir, Path logDir, Duration stopTimeout = ProcessSupervisor.STOP_TIMEOUT) {
        new Supervisor(new ProcessSupervisor(console, new CommandRunner(console), new Privilege(ROOT), table,
                ProcessSupervisor.START_GRACE, stopTimeout), serviceDir, logDir)
    }

    /** The supervisor with one SERVICE_DIR and LOGDIR, as a run passes them at each call. */
    static class Supervisor {
        final ProcessSupervisor processes
        final Path serviceDir
        final Path logDir

        Supervisor(ProcessSupervisor processes, Path serviceDir, Path logDir) {
            this.processes = processes
            this.serviceDir = serviceDir
            this.logDir = logDir
        }

        ProcessRecord start(String service, ProcessCommand command) {
            processes.launch(service, command, serviceDir, logDir)
        }

        boolean stop(String service) { processes.stop(service, serviceDir) }

        List<String> stopAll() { processes.stopAll(serviceDir) }

        void check(java.util.function.Predicate<String> enabled) { processes.check(serviceDir, enabled) }

        ProcessSupervisor.State state(ProcessRecord record) { processes.state(record) }

        boolean isRunning(String name) { processes.isRunning(name) }
    }

    /** A service command: a shell (the group leader) with two children, all of it until stopped. */
    String longRunning() {
        "sh -c 'sleep 300 & sleep 300 & wait' $marker"
    }

    ProcessRecord start(String service, String command, String group = '', String user = '', String env = '') {
        supervisor().start(service, ProcessCommand.of(command, group, user, env))
    }

    def cleanup() {
        // Whatever a failed feature left behind: every recorded group, every foreign program.
        if (Files.isDirectory(serviceDir)) {
            Files.list(serviceDir).filter { it.toString().endsWith('.pid') }.each {
                def recorded = lines(it)
                def pid = recorded ? recorded[0] : ''
                if (pid ==~ /\d+/ && table.groupMembers(pid as long)) {
                    new ProcessBuilder('/bin/sh', '-c', "kill -s KILL -- -$pid").start().exitCode()
                }
            }
        }
        foreign*.destroyForcibly()
    }

    def "run_process starts the command detached: own session and process group, stdin from /dev/null"() {
        when:
        def record = start('sleeper', longRunning())
        def stat = Files.readString(Path.of("/proc/$record.pid/stat"))
        def fields = stat.substring(stat.lastIndexOf(')') + 2).split(' ')

        then: 'the process leads its own process group and session'
        table.isAlive(record.pid)
        fields[2] as long == record.pid
        fields[3] as long == record.pid
        table.groupMembers(record.pid).size() >= 3

        and: 'it reads nothing and writes to its log'
        Files.readSymbolicLink(Path.of("/proc/$record.pid/fd/0")) == Path.of('/dev/null')
        Files.readSymbolicLink(Path.of("/proc/$record.pid/fd/1")) == logDir.resolve('sleeper.log')
        Files.readSymbolicLink(Path.of("/proc/$record.pid/fd/2")) == logDir.resolve('sleeper.log')
    }

    def "the pid file records the pid on its first line, then the start time that identifies the process"() {
        when:
        def record = start('sleeper', longRunning())
        def lines = lines(serviceDir.resolve('sleeper.pid'))
        def startTicks = table.stat(record.pid).get().startTicks()

        then:
        lines[0] == record.pid as String
        lines[1] == "start=$startTicks"
        lines.contains("command=${longRunning()}".toString())
        lines.contains("log=${logDir.resolve('sleeper.log')}".toString())
        ProcessRecord.read(serviceDir.resolve('sleeper.pid'), 'sleeper') == record
    }

    def "output is appended to LOGDIR/<service>.log, which is created with LOGDIR"() {
        given:
        Files.createDirectories(logDir)
        Files.writeString(logDir.resolve('talker.log'), 'from an earlier run\n')

        when:
        start('talker', "echo hello from talker; echo and on stderr >&2; exec sleep 300 # $marker")

        then:
        conditions.eventually {
            assert lines(logDir.resolve('talker.log')) ==
                    ['from an earlier run', 'hello from talker', 'and on stderr']
        }
    }

    def "stop stops the whole process group, removes the pid file and says so"() {
        given:
        def record = start('sleeper', longRunning())
        def members = table.groupMembers(record.pid)

        when:
        def stopped = supervisor().stop('sleeper')

        then:
        stopped
        members.size() >= 3
        members.every { !table.isAlive(it) }
        table.groupMembers(record.pid).isEmpty()
        !Files.exists(serviceDir.resolve('sleeper.pid'))
        out.toString().contains("Stopped sleeper (pid $record.pid)")
    }

    def "a group that ignores SIGTERM gets SIGKILL after the stop timeout"() {
        given:
        def record = start('stubborn', "trap '' TERM; sleep 300 & wait; sleep 300 # $marker")
        // The child must exist before the signal: it inherits the ignored SIGTERM.
        conditions.eventually { assert table.groupMembers(record.pid).size() == 2 }

        when:
        long before = System.nanoTime()
        def stopped = supervisor(Duration.ofMillis(400)).stop('stubborn')
        def elapsed = Duration.ofNanos(System.nanoTime() - before)

        then:
        stopped
        table.groupMembers(record.pid).isEmpty()
        elapsed >= Duration.ofMillis(400)
        out.toString().contains("Stopped stubborn (pid $record.pid, killed after ignoring SIGTERM")
    }

    def "a process that exits within its first second fails with its exit code and this run's last log lines"() {
        given:
        Files.createDirectories(logDir)
        Files.writeString(logDir.resolve('crasher.log'), 'an old line from an earlier run\n')

        when:
        start('crasher', "echo starting up; echo cannot open port >&2; sh -c 'sleep 300' $marker & exit 3")

        then:
        ProcessFailedException e = thrown()
        e.message.startsWith('run_process crasher: exited with code 3 within its first second: echo starting up')
        e.details() == ["    last lines of ${logDir.resolve('crasher.log')}:".toString(),
                        '      starting up', '      cannot open port']
        e.exitCode() == 1
        e.hint().contains(logDir.resolve('crasher.log').toString())

        and: 'nothing is left: no pid file, and the child it left behind was stopped'
        !Files.exists(serviceDir.resolve('crasher.pid'))
        !supervisor().isRunning(marker)
    }

    def "a command whose program is not found is refused before anything starts: #command"() {
        given: 'a plain file without execute permission'
        Path plain = Files.writeString(dir.resolve('plain.txt'), 'echo hi\n')
        String run = command.replace('NOT_EXECUTABLE', plain.toString())

        when:
        start('missing', run)

        then:
        ProcessFailedException e = thrown()
        e.message == "run_process missing: command not found: ${program.replace('NOT_EXECUTABLE', plain.toString())}"
        e.hint().contains(run)
        !Files.exists(serviceDir.resolve('missing.pid'))
        !Files.exists(logDir.resolve('missing.log'))

        where:
        command                                     | program
        'no-such-program-d3v5t4ck --port 80'        | 'no-such-program-d3v5t4ck'
        '/nonexistent/bin/service-d3v5t4ck'         | '/nonexistent/bin/service-d3v5t4ck'
        'LANG=C exec no-such-program-d3v5t4ck'      | 'no-such-program-d3v5t4ck'
        'NOT_EXECUTABLE'                            | 'NOT_EXECUTABLE'
    }

    def "a program the shell cannot find behind quoting is reported as not found by its exit code 127"() {
        when:
        start('hidden', "'no-such-program-d3v5t4ck' --flag # $marker")

        then:
        ProcessFailedException e = thrown()
        e.message.startsWith('run_process hidden: command not found within its first second')
        e.details().any { it.contains('no-such-program-d3v5t4ck') && it.contains('not found') }
        !Files.exists(serviceDir.resolve('hidden.pid'))
    }

    def "a stale pid file whose pid now belongs to another program is removed and that program never signalled"() {
        given: 'another program, leading its own group, has the recorded pid but not the recorded start time'
        def other = new ProcessBuilder('setsid', 'sleep', '300').start()
        foreign << other
        // Until setsid has also exec'd sleep: the name is what the warning shows.
        conditions.eventually {
            def stat = table.stat(other.pid()).get()
            assert stat.processGroup() == other.pid() && stat.name() == 'sleep'
        }
        long otherStart = table.stat(other.pid()).get().startTicks()
        Files.createDirectories(serviceDir)
        new ProcessRecord('ghost', other.pid(), otherStart - 1, 'sleep 300', logDir.resolve('ghost.log'), 0)
                .write(serviceDir.resolve('ghost.pid'))

        when:
        def stopped = stopAll ? supervisor().stopAll() : supervisor().stop('ghost')

        then:
        stopped == (stopAll ? [] : false)
        other.alive
        table.isAlive(other.pid())
        !Files.exists(serviceDir.resolve('ghost.pid'))
        err.toString().contains("pid ${other.pid()} now belongs to another program (sleep), which was not touched")
        !out.toString().contains('Stopped')

        where:
        stopAll << [false, true]
    }

    def "a pid file whose process has exited is removed with a warning"() {
        given:
        def record = start('short', "${untilOpened()} # $marker")
        openGate()
        conditions.eventually { assert !table.isAlive(record.pid) }

        when:
        def stopped = supervisor().stop('short')

        then:
        !stopped
        !Files.exists(serviceDir.resolve('short.pid'))
        err.toString().contains("[WARNING] removed the stale pid file ${serviceDir.resolve('short.pid')}: " +
                "pid $record.pid has exited")
    }

    def "a pid file that does not identify its process is removed without signalling anything: #content"() {
        given:
        def other = new ProcessBuilder('setsid', 'sleep', '300').start()
        foreign << other
        Files.createDirectories(serviceDir)
        Files.writeString(serviceDir.resolve('odd.pid'), content.replace('PID', other.pid() as String))

        when:
        def stopped = supervisor().stopAll()

        then:
        stopped == []
        other.alive
        !Files.exists(serviceDir.resolve('odd.pid'))
        err.toString().contains("removed the pid file ${serviceDir.resolve('odd.pid')} of odd without stopping " +
                "anything: $reason")

        where:
        content             | reason
        'PID\n'             | "it has no start time, so pid"
        ''                  | 'it is empty'
        'twelve\nstart=1\n' | "the pid is not a number: 'twelve'"
        'PID\nstart=soon\n' | "the start time is not a number: 'soon'"
        '1\nstart=1\n'      | 'pid 1 is not a process devstack starts'
    }

    def "stopAll stops every recorded process and says so, one line each"() {
        given:
        def a = start('alpha', longRunning())
        def b = start('beta', longRunning())

        when:
        def stopped = supervisor().stopAll()

        then:
        stopped == ['alpha', 'beta']
        table.groupMembers(a.pid).isEmpty()
        table.groupMembers(b.pid).isEmpty()
        out.toString().readLines().findAll { it.startsWith('Stopped') } ==
                ["Stopped alpha (pid $a.pid)", "Stopped beta (pid $b.pid)"]*.toString()
        Files.list(serviceDir).noneMatch { it.toString().endsWith('.pid') }
    }

    def "a group whose leader died is still stopped, and the service counts as dead"() {
        given: 'the leader exits after its first second, leaving its child behind in the group'
        def record = start('leaky', "sleep 300 & ${untilOpened()}; exit 4 # $marker")
        openGate()
        conditions.eventually { assert !table.isAlive(record.pid) }
        def orphans = table.groupMembers(record.pid)

        expect:
        orphans.size() == 1
        supervisor().state(record) == ProcessSupervisor.State.ORPHANED

        when:
        supervisor().check { true }

        then:
        ProcessFailedException e = thrown()
        e.details()[0] == "Error: Service leaky is not running: pid $record.pid has exited; processes of its " +
                'group are still running'

        when:
        def stopped = supervisor().stop('leaky')

        then:
        stopped
        !table.isAlive(orphans[0])
    }

    def "service_check names every enabled service whose process died, with the last lines of its log"() {
        given:
        start('healthy', longRunning())
        def first = start('first', "echo first is up; ${untilOpened()}; echo first fails >&2; exit 2 # $marker")
        def second = start('second', "echo second is up; ${untilOpened()}; exit 5 # $marker")
        def gone = start('gone', "${untilOpened()} # $marker")
        openGate()
        conditions.eventually { assert ![first.pid, second.pid, gone.pid].any { table.isAlive(it) } }

        when: 'gone is no longer enabled'
        supervisor().check { it != 'gone' }

        then:
        ProcessFailedException e = thrown()
        e.exitCode() == 1
        e.message.readLines()[0] == 'service_check: 2 services have died: first, second'
        e.details() == [
                "Error: Service first is not running: pid $first.pid has exited".toString(),
                "    last lines of ${logDir.resolve('first.log')}:".toString(),
                '      first is up',
                '      first fails',
                "Error: Service second is not running: pid $second.pid has exited".toString(),
                "    last lines of ${logDir.resolve('second.log')}:".toString(),
                '      second is up']
    }

    def "service_check passes when every enabled service's process is running"() {
        given:
        start('healthy', longRunning())

        when:
        supervisor().check { true }

        then:
        noExceptionThrown()
        supervisor().state(ProcessRecord.read(serviceDir.resolve('healthy.pid'), 'healthy')) ==
                ProcessSupervisor.State.RUNNING
    }

    def "starting a service that is still running stops its earlier process first"() {
        given:
        def earlier = start('sleeper', longRunning())

        when:
        def later = start('sleeper', longRunning())

        then:
        later.pid != earlier.pid
        table.groupMembers(earlier.pid).isEmpty()
        table.isAlive(later.pid)
        out.toString().contains("Stopped sleeper (pid $earlier.pid, to start it anew)")
        lines(serviceDir.resolve('sleeper.pid'))[0] == later.pid as String
    }

    def "is_running is true while a process's command line contains the name"() {
        given:
        def supervisor = supervisor()

        expect:
        !supervisor.isRunning(marker)

        when:
        start('sleeper', longRunning())

        then:
        supervisor.isRunning(marker)

        when:
        supervisor.stop('sleeper')

        then:
        !supervisor.isRunning(marker)
    }

    def "the environment words are added to the process's environment"() {
        when:
        start('envy', 'echo "$GREETING|$EMPTY|$OTHER"; exec sleep 300 # ' + marker, '', '',
                "GREETING='hello world' EMPTY= OTHER=x=y")

        then:
        conditions.eventually {
            assert lines(logDir.resolve('envy.log')) == ['hello world||x=y']
        }
    }

    def "a malformed environment is refused: #env"() {
        when:
        ProcessCommand.of('sleep 1', '', '', env)

        then:
        IllegalArgumentException e = thrown()
        e.message.contains(message)

        where:
        env                | message
        'NOEQUALS'         | "the environment word 'NOEQUALS' is not NAME=value"
        '1X=2'             | "the environment word '1X=2' is not NAME=value"
        "A='unterminated"  | 'unterminated'
    }

    @Requires({ ProcessSupervisorSpec.ROOT })
    def "a user and a group run the process under them"() {
        when:
        def record = start('other', "id -un; id -gn; exec sleep 300 # $marker", group, user)

        then:
        conditions.eventually {
            assert lines(logDir.resolve('other.log')) == expected
        }
        supervisor().stop('other')
        table.groupMembers(record.pid).isEmpty()

        where:
        group    | user     | expected
        'nogroup'| ''       | ['root', 'nogroup']
        ''       | 'nobody' | ['nobody', 'nogroup']
        'daemon' | 'nobody' | ['nobody', 'daemon']
    }

    def "a SERVICE_DIR that is not a directory is a clear error naming it, and nothing starts"() {
        given:
        Files.writeString(serviceDir, 'a file where the directory should be')

        when:
        start('sleeper', longRunning())

        then:
        ProcessFailedException e = thrown()
        e.message == "run_process sleeper: SERVICE_DIR ($serviceDir) is not a directory"
        e.hint().contains('SERVICE_DIR')
        !supervisor().isRunning(marker)
    }

    def "a SERVICE_DIR that cannot be created is a clear error naming it"() {
        given:
        Files.writeString(dir.resolve('file'), '')
        def supervisor = supervisor(dir.resolve('file/status'), logDir)

        when:
        supervisor.start('sleeper', ProcessCommand.of(longRunning(), '', '', ''))

        then:
        ProcessFailedException e = thrown()
        e.message.startsWith("run_process sleeper: cannot create SERVICE_DIR (${dir.resolve('file/status')}): ")
        !supervisor.isRunning(marker)
    }

    def "an empty SERVICE_DIR is an error for run_process, and stop finds nothing in it"() {
        given:
        def supervisor = supervisor(Path.of(''), logDir)

        when:
        supervisor.start('sleeper', ProcessCommand.of(longRunning(), '', '', ''))

        then:
        ProcessFailedException e = thrown()
        e.message == 'run_process sleeper: SERVICE_DIR is empty'
        !supervisor.isRunning(marker)
        !supervisor.stop('sleeper')
        supervisor.stopAll() == []
    }

    @Requires({ !ProcessSupervisorSpec.ROOT })
    def "a SERVICE_DIR without write permission is a clear error naming it"() {
        given:
        Files.createDirectories(serviceDir)
        serviceDir.toFile().setWritable(false, false)

        when:
        start('sleeper', longRunning())

        then:
        ProcessFailedException e = thrown()
        e.message == "run_process sleeper: SERVICE_DIR ($serviceDir) is not writable by ${System.getProperty('user.name')}"
        !supervisor().isRunning(marker)

        cleanup:
        serviceDir.toFile().setWritable(true, true)
    }

    def "a service name that is not a plain name is refused: #name"() {
        when:
        start(name, longRunning())

        then:
        ProcessFailedException e = thrown()
        e.message == "run_process: '$name' is not a service name"
        !supervisor().isRunning(marker)

        where:
        name << ['../escape', '', '.hidden', 'a b', 'x/y']
    }
}
