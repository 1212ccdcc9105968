package devstack.system

import devstack.testkit.MachineWide
import devstack.testkit.Cli
import devstack.testkit.Tree
import spock.lang.Requires
import spock.lang.Specification
import spock.lang.TempDir
import spock.lang.Timeout
import spock.util.concurrent.PollingConditions

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * When another apt or dpkg holds the package manager's lock (unattended-upgrades, a second terminal), apt-get waits
 * for it (apt's own lock timeout) and the console says so, instead of failing at once. The lock is held for real,
 * with the kind of lock apt takes (fcntl), by a small program that lets it go when told to.
 */
@Requires({ PackageInstallSpec.rootOnDebian() && Files.isExecutable(Path.of('/usr/bin/python3')) })
@Timeout(300)
@MachineWide
class AptLockSpec extends Specification {
    static final Path FRONTEND_LOCK = Path.of('/var/lib/dpkg/lock-frontend')

    @TempDir
    Path dir

    def "apt_get waits for the dpkg lock another process holds, saying so, and succeeds once it is free"() {
        given: 'a process that holds the lock until the gate file is removed'
        Path gate = Files.writeString(dir.resolve('gate'), 'closed')
        Path held = dir.resolve('held')
        Process holder = new ProcessBuilder('/usr/bin/python3', '-c', """
import fcntl, os, time
with open('$FRONTEND_LOCK', 'w') as lock:
    fcntl.lockf(lock, fcntl.LOCK_EX)
    open('$held', 'w').close()
    deadline = time.time() + 120
    while os.path.exists('$gate') and time.time() < deadline:
        time.sleep(0.1)
""").redirectErrorStream(true).start()
        new PollingConditions(timeout: 30).eventually { assert Files.exists(held) }

        and: 'a hook that asks apt for a change it need not make (coreutils is installed)'
        def tree = new Tree(dir.resolve('tree')).hook('50-apt.groovy', """
if (\$1 == 'stack' && \$2 == 'install') { apt_get 'install', 'coreutils' }""").localConf('ENABLED_SERVICES=x')

        when: 'the lock is let go a while after apt started waiting'
        Thread.start {
            Path log = tree.dest.resolve('logs/stack.sh.log')
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120)
            while (System.nanoTime() < deadline
                    && !(Files.exists(log) && Files.readString(log).contains('Waiting for cache lock'))) {
                sleep 100
            }
            Files.deleteIfExists(gate)
        }
        def run = Cli.run(tree.root, 'stack')

        then: 'the wait was said once, and apt went on when the lock was free'
        run.exitCode == 0
        run.out.readLines().count { it.startsWith('Waiting for the package manager: Waiting for cache lock') } == 1

        cleanup:
        Files.deleteIfExists(gate)
        holder?.waitFor(30, TimeUnit.SECONDS)
        holder?.destroyForcibly()
    }
}
