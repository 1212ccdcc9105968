package devstack.system

import devstack.config.ConfigurationException
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** DevStack's files/debs format (reference §4.3), with distribution names compared whole. */
class PackageListsSpec extends Specification {
    @TempDir
    Path files

    PackageLists bookworm = new PackageLists('bookworm', 'deb')

    private Path list(String service, String text, String dir = 'debs') {
        Path file = files.resolve(dir).resolve(service)
        Files.createDirectories(file.parent)
        Files.writeString(file, text)
        file
    }

    def "the line '#line' gives #packages on bookworm"() {
        given:
        def file = list('svc', line + '\n')

        expect:
        bookworm.read(file) == packages

        where:
        line                                  | packages
        'cowsay'                              | ['cowsay']
        'cowsay  jq'                          | ['cowsay', 'jq']
        '  cowsay   # the cow'                | ['cowsay']
        '# only a comment'                    | []
        ''                                    | []
        'libvirt-daemon NOPRIME'              | []
        'qemu # NOPRIME'                      | []
        'jq # dist:bookworm,noble'            | ['jq']
        'jq # dist:noble'                     | []
        'jq # dist:bookwor'                   | []
        'jq # dist: Bookworm'                 | ['jq']
        'jq # not:bookworm'                   | []
        'jq # not:noble,f41'                  | ['jq']
        'jq # not needed on older releases'   | ['jq']
    }

    def "a malformed marker is an error naming the file and line: #line"() {
        given:
        def file = list('svc', "cowsay\n$line\n")

        when:
        bookworm.read(file)

        then:
        ConfigurationException e = thrown()
        e.message.startsWith("$file:2: malformed marker")
        e.exitCode() == 2

        where:
        line << ['jq # dist:', 'jq # dist:bookworm;noble', 'jq # dist=bookworm', 'jq # not:']
    }

    def "the lists of several services are merged in order, each package once"() {
        given:
        list('a', 'one\ntwo\n')
        list('b', 'two\nthree\n')

        expect:
        bookworm.packages(files, ['a', 'missing', 'b']) == ['one', 'two', 'three']
    }

    def "DevStack's service mappings read the project lists too"() {
        given:
        list('nova', 'nova-pkg\n')
        list('os-brick', 'brick-pkg\n')
        list('glance', 'glance-pkg\n')

        expect:
        bookworm.packages(files, services) == packages

        where:
        services  | packages
        ['n-cpu'] | ['nova-pkg', 'brick-pkg']
        ['n-api'] | ['nova-pkg', 'glance-pkg', 'brick-pkg']
        ['g-api'] | ['glance-pkg']
        ['key']   | []
    }

    def "rpm distributions read files/rpms"() {
        given:
        list('svc', 'deb-name\n')
        list('svc', 'rpm-name # dist:f41\n', 'rpms')

        expect:
        new PackageLists('f41', 'rpm').packages(files, ['svc']) == ['rpm-name']
    }
}
