package devstack.packaged

import devstack.testkit.MachineWide
import devstack.testkit.MachinePackages
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import java.util.concurrent.TimeUnit

/**
 * The packaged program run by a user who is not root but may sudo, as README's set-up allows: DEST under a
 * root-owned directory is created through sudo and given to the user, packages are installed through sudo, an
 * ini edit, a write_file and an append_file with -sudo go through sudo, and unstack and clean undo it all. CI is
 * root on Debian, so the spec makes the user (and installs sudo if it is missing) and removes both afterwards.
 */
@Stepwise
@Requires({ System.getProperty('user.name') == 'root' && Files.isExecutable(Path.of('/usr/bin/apt-get')) })
@MachineWide
class NonRootIT extends Specification {
    static final String USER = 'devstack-it'
    static final Path PROJECT = Path.of('').toAbsolutePath()

    @Shared Path work
    @Shared Path dest = Path.of('/opt/devstack-nonroot-it')
    @Shared Path etcFile = Path.of('/etc/devstack-nonroot-it.conf')
    @Shared Path etcWritten = Path.of('/etc/devstack-nonroot-it.written')
    @Shared Path sudoers = Path.of('/etc/sudoers.d/devstack-it')

    @Shared Set<String> packagesBefore

    static int root(String... command) {
        ended(new ProcessBuilder(command).inheritIO().start(), command)
    }

    /** For clean-ups whose "nothing to do" answer is not worth printing. */
    static int quietly(String... command) {
        ended(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start(), command)
    }

    /** The exit code of a process, which must end within minutes (apt may wait for its lock). */
    static int ended(Process process, String... command) {
        assert process.waitFor(10, TimeUnit.MINUTES): "${command.join(' ')} did not end within 10 minutes"
        process.exitValue()
    }

    def setupSpec() {
        packagesBefore = MachinePackages.installed()
        if (!Files.isExecutable(Path.of('/usr/bin/sudo'))) {
            assert root('env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '--assume-yes', 'sudo') == 0
        }
        quietly('userdel', '-r', USER)
        assert root('useradd', '--create-home', USER) == 0
        Files.writeString(sudoers, "$USER ALL=(ALL) NOPASSWD: ALL\n")
        Files.setPosixFilePermissions(sudoers, PosixFilePermissions.fromString('r--r-----'))
        // A copy of the program and a tree the user can read: the build directory may sit under /root.
        work = Files.createTempDirectory('devstack-nonroot')
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString('rwxr-xr-x'))
        root('cp', '-r', PROJECT.resolve('target/devstack.jar').toString(), PROJECT.resolve('target/lib').toString(),
                work.toString())
        Path tree = work.resolve('tree')
        Files.createDirectories(tree.resolve('extras.d'))
        Files.writeString(tree.resolve('extras.d/50-nonroot.groovy'), """
if (\$1 == 'stack' && \$2 == 'install') {
    iniset '-sudo', '$etcFile', 'DEFAULT', 'owner', STACK_USER
    write_file '-sudo', '$etcWritten', "first\\n", '0640'
    append_file '-sudo', '$etcWritten', "second\\n"
    run_process 'sleeper', 'sleep 300'
    sudo 'touch "\$DEST/made-by-sudo"'
}
if (\$1 == 'stack' && \$2 == 'extra') { echo_summary "read back: \${iniget('$etcFile', 'DEFAULT', 'owner')}" }
""")
        Files.writeString(tree.resolve('local.conf'), "[[local|localrc]]\nDEST=$dest\nENABLED_SERVICES=sleeper\nVERBOSE=False\n")
        root('chown', '-R', "$USER:$USER", work.toString())
        root('rm', '-rf', dest.toString(), etcFile.toString(), etcWritten.toString())
    }

    /** The user, its files and (if the spec installed it) sudo go again. */
    def cleanupSpec() {
        root('rm', '-rf', dest.toString(), etcFile.toString(), etcWritten.toString(), sudoers.toString(), work.toString())
        quietly('userdel', '-r', USER)
        MachinePackages.restore(packagesBefore)
    }

    private Map runAs(String command) {
        def process = new ProcessBuilder('runuser', '-u', USER, '--', 'java', '-jar', work.resolve('devstack.jar').toString(),
                command, '--top-dir', work.resolve('tree').toString()).redirectErrorStream(true).start()
        String output = process.inputStream.text
        [exit: ended(process, command), out: output]
    }

    private static String owner(Path path) {
        Files.getOwner(path).name
    }

    def "stack as a sudo user creates DEST through sudo, gives it to the user, and writes root-owned files with -sudo"() {
        when:
        def run = runAs('stack')

        then:
        run.exit == 0
        run.out.contains("read back: $USER")
        owner(dest) == USER
        owner(dest.resolve('logs')) == USER
        owner(etcFile) == 'root'
        Files.readString(etcFile) == "\n[DEFAULT]\nowner = $USER\n"
        Files.exists(dest.resolve('status/sleeper.pid'))
        owner(dest.resolve('made-by-sudo')) == 'root'
        owner(etcWritten) == 'root'
        Files.readString(etcWritten) == 'first\nsecond\n'
        PosixFilePermissions.toString(Files.getPosixFilePermissions(etcWritten)) == 'rw-r-----'
    }

    def "unstack as the same user stops the process it started"() {
        given:
        long pid = Files.readAllLines(dest.resolve('status/sleeper.pid'))[0] as long

        when:
        def run = runAs('unstack')

        then:
        run.exit == 0
        run.out.contains("Stopped sleeper (pid $pid)")
        !Files.exists(dest.resolve('status/sleeper.pid'))
    }

    def "clean as the same user removes the state"() {
        when:
        def run = runAs('clean')

        then:
        run.exit == 0
        !Files.exists(dest.resolve('data'))
        !Files.exists(dest.resolve('logs'))
        !Files.exists(dest.resolve('status'))
    }
}
