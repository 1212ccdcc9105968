package devstack.ini

import spock.lang.Requires
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

class AtomicFileSpec extends Specification {

    @TempDir
    Path dir

    /** True unless we run as root, for whom a read-only directory is still writable. */
    static boolean permissionsAreEnforced() {
        Path probe = Files.createTempDirectory('perm-probe')
        try {
            Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString('r-x------'))
            return !Files.isWritable(probe)
        } finally {
            Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString('rwx------'))
            Files.delete(probe)
        }
    }

    static String mode(Path file) {
        PosixFilePermissions.toString(Files.getPosixFilePermissions(file))
    }

    /** Everything in the directory but the given names: leftover temporary files show up here. */
    List<String> strays(String... expected) {
        Files.list(dir).withCloseable { files ->
            files.collect { it.fileName.toString() }.findAll { !(it in expected) }
        }
    }

    /** A mode in ls's letters as a number. */
    static int modeOf(String letters) {
        PosixFilePermissions.fromString(letters).collect { 1 << (8 - it.ordinal()) }.sum(0) as int
    }

    static int unixMode(Path file) {
        (Files.getAttribute(file, 'unix:mode') as int) & 07777
    }

    def "setuid, setgid and sticky are kept when a file is replaced: #mode"() {
        given:
        Path file = dir.resolve('special.conf')
        Files.writeString(file, 'old\n')
        Files.setAttribute(file, 'unix:mode', mode)

        when:
        AtomicFile.write(file, 'new\n')

        then:
        Files.readString(file) == 'new\n'
        unixMode(file) == mode

        where:
        mode << [02640, 04755, 01644, 06750]
    }

    def "a mode given with every bit is set as given"() {
        given:
        Path file = dir.resolve('setgid.sh')

        when:
        AtomicFile.write(file, 'x'.bytes, 02750)

        then:
        unixMode(file) == 02750
    }

    def "a mode given with the content replaces the file's own (#before to #wanted)"() {
        given:
        Path file = dir.resolve('secret.conf')
        if (before) {
            Files.writeString(file, 'old')
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(before))
        }

        when:
        AtomicFile.write(file, 'new'.bytes, modeOf(wanted))

        then:
        Files.readString(file) == 'new'
        PosixFilePermissions.toString(Files.getPosixFilePermissions(file)) == wanted

        where:
        before      | wanted
        null        | 'rw-------'
        'rw-r--r--' | 'rw-------'
        'rw-------' | 'rwxr-xr-x'
    }

    def "a new file gets the content and mode 0644"() {
        given:
        Path file = dir.resolve('new.conf')

        when:
        AtomicFile.write(file, 'a = 1\n')

        then:
        Files.readString(file) == 'a = 1\n'
        mode(file) == 'rw-r--r--'
        strays('new.conf').isEmpty()
    }

    def "replacing a file keeps its mode #expected"() {
        given:
        Path file = dir.resolve('nova.conf')
        Files.writeString(file, 'old\n')
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(expected))

        when:
        AtomicFile.write(file, 'new\n')

        then:
        Files.readString(file) == 'new\n'
        mode(file) == expected
        strays('nova.conf').isEmpty()

        where:
        expected << ['rw-------', 'rw-r-----', 'rwxr-xr-x', 'r--r--r--']
    }

    def "bytes are written exactly, whatever they are"() {
        given:
        Path file = dir.resolve('raw')
        byte[] content = [0, 10, 13, -1, 0x5c, 0x26] as byte[]

        when:
        AtomicFile.write(file, content)

        then:
        Files.readAllBytes(file) == content
    }

    def "a string is written as UTF-8"() {
        given:
        Path file = dir.resolve('utf8.conf')

        when:
        AtomicFile.write(file, 'name = Zoë ✓\n')

        then:
        Files.readAllBytes(file) == 'name = Zoë ✓\n'.getBytes('UTF-8')
    }

    def "a missing parent directory is an error naming the directory, and nothing is created"() {
        given:
        Path missing = dir.resolve('no/such/dir')
        Path file = missing.resolve('a.conf')

        when:
        AtomicFile.write(file, 'x\n')

        then:
        IniException e = thrown()
        e.message.contains(file.toString())
        e.message.contains("directory $missing does not exist; create it first")
        Files.notExists(dir.resolve('no'))
    }

    def "a parent path that is a regular file is an error naming the path, and that file is untouched"() {
        given:
        Path notADir = dir.resolve('plain')
        Files.writeString(notADir, 'keep me\n')
        Path file = notADir.resolve('a.conf')

        when:
        AtomicFile.write(file, 'x\n')

        then:
        IniException e = thrown()
        e.message.contains(file.toString())
        e.message.contains("$notADir is not a directory")
        Files.readString(notADir) == 'keep me\n'
        strays('plain').isEmpty()
    }

    def "a target that cannot be replaced fails, leaves the target as it was and no temporary file behind"() {
        given: 'a non-empty directory where the file should be: no rename can replace it, not even as root'
        Path target = dir.resolve('a.conf')
        Files.createDirectory(target)
        Files.writeString(target.resolve('inside'), 'kept\n')

        when:
        AtomicFile.write(target, 'x\n')

        then:
        IniException e = thrown()
        e.message.contains(target.toString())
        e.message.contains('writable')
        Files.readString(target.resolve('inside')) == 'kept\n'
        strays('a.conf').isEmpty()
    }

    @Requires({ AtomicFileSpec.permissionsAreEnforced() })
    def "a read-only directory fails with the file's path and leaves the original untouched"() {
        given:
        Path locked = Files.createDirectory(dir.resolve('locked'))
        Path file = locked.resolve('a.conf')
        Files.writeString(file, '[S]\nx = 1\n')
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString('r-x------'))

        when:
        AtomicFile.write(file, 'changed\n')

        then:
        IniException e = thrown()
        e.message.contains(file.toString())
        Files.readString(file) == '[S]\nx = 1\n'

        cleanup:
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString('rwx------'))
    }

    def "writing through a symbolic link updates the linked file and keeps the link"() {
        given:
        Path real = dir.resolve('real.conf')
        Files.writeString(real, 'old\n')
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString('rw-r-----'))
        Path link = Files.createSymbolicLink(dir.resolve('link.conf'), real)

        when:
        AtomicFile.write(link, 'new\n')

        then:
        Files.isSymbolicLink(link)
        Files.readString(real) == 'new\n'
        mode(real) == 'rw-r-----'
        strays('real.conf', 'link.conf').isEmpty()
    }
}
