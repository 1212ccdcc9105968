package devstack.script

import devstack.console.Console
import devstack.ini.IniEditor
import devstack.system.CommandRunner
import devstack.system.Privilege
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

/**
 * An ini helper's '-sudo' for a user who is not root: the edit goes to a private copy that sudo puts in place.
 * sudo is played by a script that records its arguments and runs them (the spec itself may be root).
 */
class PrivilegedEditSpec extends Specification {
    @TempDir
    Path dir

    Path sudoLog
    PrivilegedEdit privileged
    StringWriter shown = new StringWriter()

    def setup() {
        sudoLog = dir.resolve('sudo.log')
        Path fakeSudo = dir.resolve('fake-sudo')
        Files.writeString(fakeSudo, "#!/bin/sh\necho \"\$*\" >> '$sudoLog'\nexec \"\$@\"\n")
        fakeSudo.toFile().setExecutable(true)
        def console = new Console(new PrintWriter(shown), new PrintWriter(shown))
        console.verbose = true
        privileged = new PrivilegedEdit(new CommandRunner(console), new Privilege(false, fakeSudo.toString()))
    }

    private List<String> sudoCalls() {
        Files.exists(sudoLog) ? Files.readAllLines(sudoLog).collect { it.split(' ')[0] } : []
    }

    def "an existing file is edited through a copy and replaced through sudo, keeping its mode"() {
        given:
        Path conf = dir.resolve('nova.conf')
        Files.writeString(conf, '[DEFAULT]\ndebug = False\n')
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString('rw-r-----'))

        when:
        privileged.apply(conf) { copy -> IniEditor.iniset(copy, 'DEFAULT', 'debug', 'True') }

        then:
        Files.readString(conf) == '[DEFAULT]\ndebug = True\n'
        PosixFilePermissions.toString(Files.getPosixFilePermissions(conf)) == 'rw-r-----'
        sudoCalls() == ['test', 'cat', 'cp', 'chmod', 'chown', 'mv']
        !Files.exists(dir.resolve('nova.conf.devstack-new'))
    }

    def "a missing file is created through sudo"() {
        given:
        Path conf = dir.resolve('new.conf')

        when:
        privileged.apply(conf) { copy -> IniEditor.iniset(copy, 'S', 'k', 'v') }

        then:
        Files.readString(conf) == '\n[S]\nk = v\n'
        sudoCalls() == ['test', 'cp', 'mv']
    }

    def "an edit that changes nothing writes nothing, and a read returns what the helper returns"() {
        given:
        Path conf = dir.resolve('same.conf')
        Files.writeString(conf, '[S]\nk = v\n')

        expect:
        privileged.apply(conf) { copy -> IniEditor.iniHasOption(copy, 'S', 'k') }
        sudoCalls() == ['test', 'cat']
    }

    def "root never needs it"() {
        expect:
        !new PrivilegedEdit(null, new Privilege(true)).needed(dir.resolve('x.conf'))
    }

    def "the file is read byte for byte and its content never reaches the console"() {
        given:
        Path conf = dir.resolve('crlf.conf')
        Files.write(conf, '[S]\r\nkey = generated-secret-value\r\n\r\n'.bytes)

        when:
        privileged.apply(conf) { copy -> IniEditor.iniset(copy, 'S', 'other', 'x') }

        then:
        Files.readString(conf) == '[S]\r\nother = x\nkey = generated-secret-value\r\n\r\n'
        !shown.toString().contains('generated-secret-value')
    }
}
