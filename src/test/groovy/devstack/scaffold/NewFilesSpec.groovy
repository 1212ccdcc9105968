package devstack.scaffold

import devstack.DevstackException
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** How a scaffold's files are written: whole, never over a file, and not at all when one of them cannot be. */
class NewFilesSpec extends Specification {
    @TempDir
    Path dir

    def "a file that appears while the scaffold is written is not replaced, and what was written is removed"() {
        given: 'the same name twice: the second write meets a file that was not there at the check'
        def files = new NewFiles(dir).add('new/first', 'one').add('new/second', 'two').add('new/second', 'three')

        when:
        files.write()

        then:
        DevstackException e = thrown()
        e.exitCode() == 1
        e.message.contains("cannot write $dir/new/second: it appeared while the scaffold was written")
        !Files.exists(dir.resolve('new'))
    }

    def "a directory that cannot be made undoes the files and directories made before it, and only those"() {
        given:
        Files.createDirectories(dir.resolve('kept'))
        def files = new NewFiles(dir).add('kept/a/file', 'one').add('kept/a/file/below', 'two')

        when:
        files.write()

        then:
        DevstackException e = thrown()
        e.exitCode() == 1
        e.message.contains("cannot write $dir/kept/a/file/below")
        e.hint().contains('removed again')
        Files.isDirectory(dir.resolve('kept'))
        Files.list(dir.resolve('kept')).withCloseable { it.count() } == 0
    }

    def "a shared file that exists is kept, and a plugin file that exists refuses the whole write"() {
        given:
        Files.writeString(dir.resolve('shared'), 'mine')

        when:
        def written = new NewFiles(dir).addShared('shared', 'theirs').add('own', 'x').write()

        then:
        written.created() == ['own']
        written.kept() == ['shared']
        Files.readString(dir.resolve('shared')) == 'mine'

        when:
        new NewFiles(dir).add('other', 'y').add('own', 'z').write()

        then:
        DevstackException refused = thrown()
        refused.exitCode() == 2
        refused.message.contains('refusing to overwrite a file that exists')
        !Files.exists(dir.resolve('other'))
        Files.readString(dir.resolve('own')) == 'x'
    }
}
