package devstack.spare

import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** How a spare JVM reads the run its launcher wrote: NUL-terminated fields, so that any text arrives as it was. */
class SpareRequestSpec extends Specification {
    @TempDir
    Path dir

    void write(String name, List<String> fields) {
        Files.write(dir.resolve(name), fields.collect { it + '\0' }.join('').getBytes('UTF-8'))
    }

    def "the launcher's process, terminal, arguments and environment arrive as the launcher had them"() {
        given:
        write('request', ['4242', '1', 'stack', '--top-dir', 'a dir\nwith a newline', ''])
        write('environ', ['PATH=/usr/bin:/bin', 'MULTI=line one\nline two', 'EQUALS=a=b', 'EMPTY=', 'NOEQUALS'])

        when:
        def request = SpareRequest.read(dir)

        then:
        request.client() == 4242
        request.interactive()
        request.arguments() == ['stack', '--top-dir', 'a dir\nwith a newline', '']
        request.environment() == [PATH: '/usr/bin:/bin', MULTI: 'line one\nline two', EQUALS: 'a=b', EMPTY: '']
    }

    def "a request with no arguments is a run of the bare command line"() {
        given:
        write('request', ['17', '0'])
        write('environ', [])

        expect:
        with(SpareRequest.read(dir)) {
            client() == 17
            !interactive()
            arguments() == []
            environment() == [:]
        }
    }

    def "a request that is not as the launcher writes it is refused, naming the file: #problem"() {
        given:
        Files.write(dir.resolve('request'), request.getBytes('UTF-8'))
        write('environ', ['A=b'])

        when:
        SpareRequest.read(dir)

        then:
        IOException e = thrown()
        e.message.startsWith(dir.resolve('request').toString())
        e.message.contains(says)

        where:
        problem                  | request               | says
        'cut short'              | '42\u00001\u0000stack' | 'cut short'
        'no process id'          | 'x\u00001\u0000'       | 'not a request'
        'no terminal flag'       | '42\u0000'             | 'not a request'
        'a terminal flag of 2'   | '42\u00002\u0000'      | 'not a request'
        'empty'                  | ''                     | 'not a request'
    }

    def "the run started when its launcher did"() {
        given:
        write('request', ["${ProcessHandle.current().pid()}", '0'])
        write('environ', [])

        expect:
        SpareRequest.read(dir).started() == ProcessHandle.current().info().startInstant().get()
    }
}
