package devstack.system

import devstack.console.Console
import devstack.ini.IniEditor
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

/**
 * The real machine's files, and DevStack's '-sudo' for a user who is not root: the new content goes to a private
 * copy that sudo puts in place. sudo is played by a script that records its arguments and runs them (the spec
 * itself may be root, so every file counts as one the run may not write).
 */
class RealFilesSpec extends Specification {
    @TempDir
    Path dir

    Path sudoLog
    RealFiles files
    StringWriter shown = new StringWriter()

    def setup() {
        sudoLog = dir.resolve('sudo.log')
        Path fakeSudo = dir.resolve('fake-sudo')
        Files.writeString(fakeSudo, "#!/bin/sh\necho \"\$*\" >> '$sudoLog'\nexec \"\$@\"\n")
        fakeSudo.toFile().setExecutable(true)
        def console = new Console(new PrintWriter(shown), new PrintWriter(shown))
        console.verbose = true
        files = new RealFiles(new CommandRunner(console), new Privilege(false, fakeSudo.toString()), { true })
    }

    /** The ini helpers with '-sudo'. */
    IniEditor sudoIni() {
        IniEditor.on(new IniEditor.Storage() {
            Optional<byte[]> read(Path file) { files.read(file, true) }

            void write(Path file, byte[] content) { files.write(file, content, OptionalInt.empty(), true) }
        })
    }

    private List<String> sudoCalls() {
        Files.exists(sudoLog) ? Files.readAllLines(sudoLog).collect { it.split(' ')[0] } : []
    }

    def "an existing file is read and replaced through sudo, keeping its mode"() {
        given:
        Path conf = dir.resolve('nova.conf')
        Files.writeString(conf, '[DEFAULT]\ndebug = False\n')
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString('rw-r-----'))

        when:
        sudoIni().iniset(conf, 'DEFAULT', 'debug', 'True')

        then:
        Files.readString(conf) == '[DEFAULT]\ndebug = True\n'
        PosixFilePermissions.toString(Files.getPosixFilePermissions(conf)) == 'rw-r-----'
        sudoCalls() == ['test', 'cat', 'test', 'cp', 'chown', 'chmod', 'mv']
        !Files.exists(dir.resolve('nova.conf.devstack-new'))
    }

    def "a missing file is created through sudo with mode 0644"() {
        given:
        Path conf = dir.resolve('new.conf')

        when:
        sudoIni().iniset(conf, 'S', 'k', 'v')

        then:
        Files.readString(conf) == '\n[S]\nk = v\n'
        PosixFilePermissions.toString(Files.getPosixFilePermissions(conf)) == 'rw-r--r--'
        sudoCalls() == ['test', 'test', 'cp', 'chmod', 'mv']
    }

    def "a question about a file reads it through sudo and writes nothing"() {
        given:
        Path conf = dir.resolve('same.conf')
        Files.writeString(conf, '[S]\nk = v\n')

        expect:
        sudoIni().iniHasOption(conf, 'S', 'k')
        sudoCalls() == ['test', 'cat']
    }

    def "root never goes through sudo"() {
        given:
        def root = new RealFiles(new CommandRunner(new Console(new PrintWriter(shown), new PrintWriter(shown))),
                new Privilege(true, '/bin/false'))
        Path conf = dir.resolve('x.conf')

        when:
        root.write(conf, 'k = v\n'.bytes, OptionalInt.empty(), true)

        then:
        Files.readString(conf) == 'k = v\n'
        sudoCalls() == []
    }

    def "the file is read byte for byte and its content never reaches the console"() {
        given:
        Path conf = dir.resolve('crlf.conf')
        Files.write(conf, '[S]\r\nkey = generated-secret-value\r\n\r\n'.bytes)

        when:
        sudoIni().iniset(conf, 'S', 'other', 'x')

        then:
        Files.readString(conf) == '[S]\r\nother = x\nkey = generated-secret-value\r\n\r\n'
        !shown.toString().contains('generated-secret-value')
    }
}
