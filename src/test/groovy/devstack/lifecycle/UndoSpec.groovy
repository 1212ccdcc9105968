package devstack.lifecycle

import devstack.system.ProcessTable
import devstack.testkit.Cli
import devstack.testkit.Tree
import spock.lang.Specification
import spock.lang.TempDir
import spock.lang.Timeout

import java.nio.file.Files
import java.nio.file.Path

/**
 * Undo always works: unstack and clean never stop early (DevStack runs them without errexit), and clean removes
 * only what the host created.
 */
@Timeout(120)
class UndoSpec extends Specification {
    @TempDir
    Path dir

    Tree tree
    ProcessTable table = new ProcessTable()
    String marker = "devstack-spec-${UUID.randomUUID()}"

    def setup() {
        tree = new Tree(dir).probeHook('70-probe.groovy')
        tree.hook('50-services.groovy', """if (\$1 == 'stack' && \$2 == 'extra') {
    run_process 'sleeper', "sh -c 'sleep 300 & wait' $marker"
}""")
    }

    def cleanup() {
        Path serviceDir = tree.dest.resolve('status')
        if (Files.isDirectory(serviceDir)) {
            Files.list(serviceDir).filter { it.toString().endsWith('.pid') }.each {
                def pid = Files.readAllLines(it).find()
                if (pid ==~ /\d+/ && table.groupMembers(pid as long)) {
                    new ProcessBuilder('/bin/sh', '-c', "kill -s KILL -- -$pid").start().exitCode()
                }
            }
        }
    }

    boolean running(String text) {
        long self = ProcessHandle.current().pid()
        table.pids().any { it != self && table.commandLine(it).contains(text) }
    }

    def "a failing #command hook is reported, the other hooks still run, every process is stopped, and the exit is 1 at the end"() {
        given:
        tree.localConf('ENABLED_SERVICES=sleeper')
        assert Cli.run(tree.root, 'stack').exitCode == 0
        assert running(marker)
        tree.hook('40-failing.groovy', "if (\$1 == '$command') {\n    sh 'echo about to fail; false'\n}\n")
        tree.clearProbe()

        when:
        def run = Cli.run(tree.root, command)

        then: 'the failure is reported where it happened'
        run.exitCode == 1
        run.err.contains("[ERROR] $command in extras.d/40-failing.groovy:2: command failed with exit code 1: echo about to fail; false")
        run.err.contains('    about to fail')

        and: 'the later hook still ran, and the core still stopped the process'
        tree.probed().contains("hook $command".toString())
        !running(marker)
        run.out.contains('Stopped sleeper')

        and: 'the last lines list every step that failed'
        def last = run.err.readLines().takeRight(4)
        last.any { it.contains("${command}.sh: 1 step failed, the others ran:") }
        last.any { it.contains("$command in extras.d/40-failing.groovy:2") }
        !run.out.contains('completed in')

        where:
        command << ['unstack', 'clean']
    }

    def "clean still removes the run's state when a clean hook and the hypervisor's cleanup fail"() {
        given:
        tree.hypervisor('boom', '''
def install_nova_hypervisor() {}
def configure_nova_hypervisor() {}
def start_nova_hypervisor() {}
def stop_nova_hypervisor() { throw new IllegalStateException('stop broke') }
def cleanup_nova_hypervisor() { die 'cleanup broke' }''')
        tree.hook('40-failing.groovy', "if (\$1 == 'clean') { die 'hook broke' }\n")
        tree.localConf('ENABLED_SERVICES=sleeper,n-cpu\nVIRT_DRIVER=boom')
        assert Cli.run(tree.root, 'stack').exitCode == 0

        when:
        def run = Cli.run(tree.root, 'clean')

        then:
        run.exitCode == 1
        run.err.contains('clean.sh: 3 steps failed, the others ran:')
        run.err.contains('stop broke')
        run.err.contains('hook broke')
        run.err.contains('cleanup broke')
        !running(marker)
        !Files.exists(tree.dest.resolve('data'))
        !Files.exists(tree.dest.resolve('logs'))
        !Files.exists(tree.novaConf)
    }

    def "clean leaves a LOGDIR, DATA_DIR or NOVA_CONF it did not create, with a warning naming it, dry run or not"() {
        given: 'directories and a file that existed before stack, named by the settings'
        Path logs = Files.createDirectories(dir.resolve('system/logs'))
        Files.writeString(logs.resolve('syslog'), 'kept\n')
        Path data = Files.createDirectories(dir.resolve('system/data'))
        Path novaConf = dir.resolve('system/nova.conf')
        Files.writeString(novaConf, '[DEFAULT]\n')
        tree.write('local.conf', """[[local|localrc]]
DEST=${tree.dest}
LOGDIR=$logs
DATA_DIR=$data
NOVA_CONF=$novaConf
PROBE_LOG=${tree.probeLog}
VERBOSE=False
ENABLED_SERVICES=sleeper
""")
        assert Cli.run(tree.root, 'stack').exitCode == 0

        when:
        def dryRun = Cli.run(tree.root, 'clean', '--dry-run')
        def run = Cli.run(tree.root, 'clean')

        then:
        dryRun.exitCode == 0
        !dryRun.out.contains("would remove $logs")
        !dryRun.out.contains("would remove $data")
        dryRun.err.contains("[WARNING] clean: LOGDIR ($logs) was not created by devstack; it is left as it is")
        run.exitCode == 0
        run.err.contains("[WARNING] clean: DATA_DIR ($data) was not created by devstack; it is left as it is")
        run.err.contains("[WARNING] clean: NOVA_CONF ($novaConf) was not created by devstack; it is left as it is")
        Files.readString(logs.resolve('syslog')) == 'kept\n'
        Files.isDirectory(data)
        Files.exists(novaConf)

        and: 'what it did create is removed'
        !Files.exists(tree.dest.resolve('status'))
    }

    def "stack records what it creates in DEST, and clean forgets what it removed"() {
        given:
        tree.localConf('ENABLED_SERVICES=sleeper')

        when:
        assert Cli.run(tree.root, 'stack').exitCode == 0
        def recorded = Files.readAllLines(tree.dest.resolve('.devstack-created'))

        then:
        recorded == [tree.dest.toString()]

        when:
        assert Cli.run(tree.root, 'clean').exitCode == 0

        then:
        Files.readAllLines(tree.dest.resolve('.devstack-created')) == [tree.dest.toString()]
        !Files.exists(tree.dest.resolve('data'))
    }
}
