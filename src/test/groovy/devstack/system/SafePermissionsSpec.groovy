package devstack.system

import devstack.console.Console
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** safe_chown / safe_chmod: as root unless the target's directory is on NFS (played by a predicate here). */
class SafePermissionsSpec extends Specification {
    @TempDir
    Path dir

    Path sudoLog
    Privilege privilege
    Console console = new Console(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))

    def setup() {
        sudoLog = dir.resolve('sudo.log')
        Path fakeSudo = dir.resolve('fake-sudo')
        Files.writeString(fakeSudo, "#!/bin/sh\necho \"\$*\" >> '$sudoLog'\n")
        fakeSudo.toFile().setExecutable(true)
        privilege = new Privilege(false, fakeSudo.toString())
    }

    private List<String> sudoCalls() {
        Files.exists(sudoLog) ? Files.readAllLines(sudoLog) : []
    }

    def "off NFS the command runs through sudo, with the arguments as given"() {
        given:
        Path file = Files.createFile(dir.resolve('nova.conf'))

        when:
        boolean done = new SafePermissions(RealMachine.of(console, privilege), { false }).apply('chmod', ['0640', file.toString()])

        then:
        done
        sudoCalls() == ["chmod 0640 $file".toString()]
    }

    def "on NFS nothing runs; a file's directory is what is checked, a directory itself"() {
        given:
        Path sub = Files.createDirectories(dir.resolve('data'))
        Path file = Files.createFile(sub.resolve('f'))
        List<Path> checked = []
        def onNfs = { Path p -> checked << p; true }

        when:
        def results = [new SafePermissions(RealMachine.of(console, privilege), onNfs).apply('chown', ['stack', file.toString()]),
                       new SafePermissions(RealMachine.of(console, privilege), onNfs).apply('chown', ['-R', 'stack', sub.toString()])]

        then:
        results == [false, false]
        checked == [sub, sub]
        sudoCalls() == []
    }

    def "a temporary directory is not on NFS"() {
        expect:
        !RealMachine.of(console).files().isOnNfs(dir)
    }
}
