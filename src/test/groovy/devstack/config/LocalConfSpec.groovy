package devstack.config

import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** local.conf meta-sections (SPEC §3, reference §5). */
class LocalConfSpec extends Specification {

    @TempDir
    Path dir

    static LocalConf parse(String text) {
        LocalConf.parse(Path.of('local.conf'), text.split('\n', -1) as List<String>)
    }

    static List<String> texts(List<LocalConf.Line> lines) {
        lines*.text()
    }

    def "a header [[group|file]] opens a block whose body runs to the next header"() {
        given:
        LocalConf conf = parse('''\
            |[[local|localrc]]
            |A=1
            |B=2
            |[[post-config|$NOVA_CONF]]
            |[DEFAULT]
            |foo = bar
            |'''.stripMargin())

        expect:
        conf.sections()*.group() == ['local', 'post-config']
        conf.sections()*.file() == ['localrc', '$NOVA_CONF']
        conf.sections()*.headerLine() == [1, 4]
        texts(conf.body('local', 'localrc')) == ['A=1', 'B=2']
        texts(conf.body('post-config', '$NOVA_CONF')) == ['[DEFAULT]', 'foo = bar', '']
    }

    def "text before the first header belongs to no block"() {
        given:
        LocalConf conf = parse('''\
            |# local.conf for my laptop
            |A=ignored
            |[[local|localrc]]
            |B=2'''.stripMargin())

        expect:
        conf.sections().size() == 1
        texts(conf.body('local', 'localrc')) == ['B=2']
    }

    def "a file with no header has no blocks"() {
        expect:
        parse('A=1\nB=2').sections().isEmpty()
        parse('').sections().isEmpty()
    }

    def "the line #line is #kind"() {
        given:
        LocalConf conf = parse("[[local|localrc]]\n${line}\nX=1")

        expect:
        conf.sections().size() == (header ? 2 : 1)
        texts(conf.sections()[0].body()) == (header ? [] : [line, 'X=1'])

        where:
        line                            | header
        '[[post-config|/etc/x.conf]]'   | true
        '[[grp|]]'                      | true
        '[[extra|x]] trailing text'     | true
        '[[ post-config | x ]]'         | true
        '[DEFAULT]'                     | false
        'x [[a|b]]'                     | false
        'A=[[a|b]]'                     | false

        kind = header ? 'a header' : 'not a header'
    }

    def "a malformed meta-section header #line is an error naming the line, not body text"() {
        when:
        parse("[[local|localrc]]\nA=1\n${line}\nB=2")

        then:
        ConfigurationException e = thrown()
        e.message.startsWith("local.conf:3: malformed meta-section header '${line.strip()}': $why")
        e.hint().contains('[[group|file]]')

        where:
        line                   | why
        '[[local|localrc]'     | 'it has no closing ]]'
        '[[local|localrc'      | 'it has no closing ]]'
        '[[nobar]]'            | "it has no '|'"
        '[[local||localrc]]'   | "the file '|localrc' contains '|'"
        '[[lo cal|localrc]]'   | "the group 'lo cal' is not a name"
        '[[a[b|c]]'            | "the group 'a[b' is not a name"
        '[[post-config|x]y]]'  | "the file 'x]y' contains"
        ' [[a|b]]'             | 'it does not start at the beginning of the line'
        '\t[[post-config|x]]'  | 'it does not start at the beginning of the line'
    }

    def "[[|localrc]], a header without a group, is an error naming the line"() {
        when:
        parse('[[|localrc]]\nDEST=/srv/stack')

        then:
        ConfigurationException e = thrown()
        e.message.startsWith('local.conf:1:')
        e.message.contains('empty group')
    }

    def "a UTF-8 byte-order mark before the first header is skipped"() {
        given:
        Path file = dir.resolve('local.conf')
        Files.write(file, [0xEF, 0xBB, 0xBF] as byte[])
        Files.writeString(file, '[[local|localrc]]\nDEST=/srv/stack\n', java.nio.file.StandardOpenOption.APPEND)

        when:
        LocalConf conf = LocalConf.read(file)

        then:
        conf.sections()*.group() == ['local']
        texts(conf.body('local', 'localrc')) == ['DEST=/srv/stack']
    }

    def "a local.conf that is #what is an error that says so"() {
        given:
        Path file = dir.resolve('local.conf')
        make(file)

        when:
        LocalConf.read(file)

        then:
        ConfigurationException e = thrown()
        e.exitCode() == 2
        e.message == "$file $message"
        e.hint().contains('local.conf must be a readable file')

        where:
        what                 | make                                                     || message
        'a directory'        | { Path f -> Files.createDirectory(f) }                   || 'is a directory, not a file'
        'a dangling symlink' | { Path f -> Files.createSymbolicLink(f, Path.of('gone')) } || 'is a dangling symlink (to gone)'
    }

    def "a header with an empty file name has an empty file spec"() {
        given:
        LocalConf conf = parse('[[grp|]]\na = 1')

        expect:
        conf.sections()[0].group() == 'grp'
        conf.sections()[0].file() == ''
        texts(conf.body('grp', '')) == ['a = 1']
    }

    def "text after ]] on a header line is ignored"() {
        given:
        LocalConf conf = parse('[[post-config|$NOVA_CONF]]   # nova\n[DEFAULT]')

        expect:
        conf.sections()[0].file() == '$NOVA_CONF'
        texts(conf.body('post-config', '$NOVA_CONF')) == ['[DEFAULT]']
    }

    def "a header with an empty group is an error naming the line: #line"() {
        when:
        parse("[[local|localrc]]\nA=1\n${line}\nB=2")

        then:
        ConfigurationException e = thrown()
        e.message.startsWith('local.conf:3:')
        e.message.contains('empty group')

        where:
        line << ['[[ |x]]', '[[   |$NOVA_CONF]]']
    }

    def "body concatenates every block with the same group and literal file spec, in file order"() {
        given:
        LocalConf conf = parse('''\
            |[[post-config|$NOVA_CONF]]
            |[DEFAULT]
            |a = 1
            |[[post-config|/etc/nova/nova.conf]]
            |[DEFAULT]
            |b = 2
            |[[post-config|$NOVA_CONF]]
            |[DEFAULT]
            |c = 3
            |[[post-extra|$NOVA_CONF]]
            |d = 4'''.stripMargin())

        expect:
        texts(conf.body('post-config', '$NOVA_CONF')) == ['[DEFAULT]', 'a = 1', '[DEFAULT]', 'c = 3']
        texts(conf.body('post-config', '/etc/nova/nova.conf')) == ['[DEFAULT]', 'b = 2']
        texts(conf.body('post-extra', '$NOVA_CONF')) == ['d = 4']
        conf.body('post-config', 'nova.conf').isEmpty()
        conf.body('extra', '$NOVA_CONF').isEmpty()
    }

    def "two blocks for the same file that follow each other are both kept"() {
        given:
        LocalConf conf = parse('[[local|localrc]]\nA=1\n[[local|localrc]]\nB=2')

        expect:
        texts(conf.body('local', 'localrc')) == ['A=1', 'B=2']
    }

    def "body lines keep their line numbers in local.conf"() {
        given:
        LocalConf conf = parse('''\
            |# header comment
            |[[local|localrc]]
            |A=1
            |[[post-config|x]]
            |k = v
            |[[local|localrc]]
            |
            |B=2'''.stripMargin())

        expect:
        conf.body('local', 'localrc')*.number() == [3, 7, 8]
        conf.body('local', 'localrc')*.text() == ['A=1', '', 'B=2']
        conf.body('post-config', 'x')*.number() == [5]
    }

    def "sections(group) lists the blocks of one group in file order, duplicates included"() {
        given:
        LocalConf conf = parse('[[post-config|a]]\n[[extra|b]]\n[[post-config|c]]\n[[post-config|a]]')

        expect:
        conf.sections('post-config')*.file() == ['a', 'c', 'a']
        conf.sections('extra')*.file() == ['b']
        conf.sections('test-config').isEmpty()
    }

    def "read loads a file and remembers its path"() {
        given:
        Path file = dir.resolve('local.conf')
        Files.writeString(file, '[[local|localrc]]\nA=1\n')

        when:
        LocalConf conf = LocalConf.read(file)

        then:
        conf.path() == file
        texts(conf.body('local', 'localrc')) == ['A=1']
    }

    def "read of a missing file is a ConfigurationException"() {
        when:
        LocalConf.read(dir.resolve('missing.conf'))

        then:
        ConfigurationException e = thrown()
        e.message.contains('missing.conf')
    }
}
