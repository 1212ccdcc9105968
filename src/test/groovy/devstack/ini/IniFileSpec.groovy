package devstack.ini

import spock.lang.Requires
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

/**
 * DevStack's ini helpers (inc/ini-config), with the accidents of sed and of an
 * unquoted echo left out. Expected file contents are compared byte for byte.
 */
class IniFileSpec extends Specification {

    @TempDir
    Path dir

    Path conf
    IniEditor ini = IniEditor.on(IniEditor.FILES)

    def setup() {
        conf = dir.resolve('test.conf')
    }

    void write(String text) {
        Files.writeString(conf, text)
    }

    String content() {
        Files.readString(conf)
    }

    // ----- iniset: placement and formatting -----

    def "iniset on a missing file creates it as a blank line, the header and the option"() {
        when:
        ini.iniset(conf, 'S', 'O', 'V')

        then:
        content() == '\n[S]\nO = V\n'
    }

    def "iniset: #why"() {
        given:
        write(before)

        when:
        ini.iniset(conf, section, option, value)

        then:
        content() == after

        where:
        why                                                  | before                                      | section | option | value || after
        'a new key goes to the top of its section'           | '[S]\na = 1\n'                              | 'S'     | 'b'    | '2'   || '[S]\nb = 2\na = 1\n'
        'a missing section is appended after a blank line'   | '[A]\na = 1\n'                              | 'B'     | 'b'    | '2'   || '[A]\na = 1\n\n[B]\nb = 2\n'
        'an empty file gets the section after a blank line'  | ''                                          | 'S'     | 'O'    | 'V'   || '\n[S]\nO = V\n'
        'x=1 keeps its tight spacing'                        | '[S]\nx=1\n'                                | 'S'     | 'x'    | 'NEW' || '[S]\nx=NEW\n'
        'x = 1 keeps its spacing'                            | '[S]\nx = 1\n'                              | 'S'     | 'x'    | 'NEW' || '[S]\nx = NEW\n'
        'x<tab>=<tab>1 keeps its tabs'                       | '[S]\nx\t=\t1\n'                            | 'S'     | 'x'    | 'NEW' || '[S]\nx\t=\tNEW\n'
        'x  =  1 keeps its wide spacing'                     | '[S]\nx  =  1\n'                            | 'S'     | 'x'    | 'NEW' || '[S]\nx  =  NEW\n'
        'every occurrence in the section is replaced'        | '[S]\nx = 1\ny = 2\nx=3\n'                  | 'S'     | 'x'    | '9'   || '[S]\nx = 9\ny = 2\nx=9\n'
        'a key of another section is not touched'            | '[A]\nx = 1\n[S]\n'                         | 'S'     | 'x'    | '2'   || '[A]\nx = 1\n[S]\nx = 2\n'
        'two non-adjacent headers both get the new key'      | '[S]\na = 1\n[T]\nt = 1\n[S]\nb = 2\n'      | 'S'     | 'c'    | '3'   || '[S]\nc = 3\na = 1\n[T]\nt = 1\n[S]\nc = 3\nb = 2\n'
        'two non-adjacent headers both get the replacement'  | '[S]\nc = 1\n[T]\n[S]\nc = 2\n'             | 'S'     | 'c'    | '3'   || '[S]\nc = 3\n[T]\n[S]\nc = 3\n'
        'two adjacent headers both get the new key'          | '[S]\n[S]\na = 1\n'                         | 'S'     | 'c'    | '3'   || '[S]\nc = 3\n[S]\nc = 3\na = 1\n'
        'an adjacent duplicate header does not hide a key'   | '[S]\n[S]\nx = 1\n'                         | 'S'     | 'x'    | '2'   || '[S]\n[S]\nx = 2\n'
        'an option name is literal: a.b is not axb'          | '[S]\naxb = 1\n'                            | 'S'     | 'a.b'  | '2'   || '[S]\na.b = 2\naxb = 1\n'
        'an option name is literal: x* is not xx'            | '[S]\nxx = 1\n'                             | 'S'     | 'x*'   | '2'   || '[S]\nx* = 2\nxx = 1\n'
        'a section name is literal: S.T is not SxT'          | '[SxT]\na = 1\n'                            | 'S.T'   | 'a'    | '2'   || '[SxT]\na = 1\n\n[S.T]\na = 2\n'
        'a section name with regex characters is found'      | '[a.b*]\nk = 1\n'                           | 'a.b*'  | 'k'    | '2'   || '[a.b*]\nk = 2\n'
        'section names are case-sensitive'                   | '[s]\nx = 1\n'                              | 'S'     | 'x'    | '2'   || '[s]\nx = 1\n\n[S]\nx = 2\n'
        'an indented header is not a header'                 | '  [S]\nx = 1\n'                            | 'S'     | 'x'    | '2'   || '  [S]\nx = 1\n\n[S]\nx = 2\n'
        'a header may carry trailing text'                   | '[S] ; c\nx = 1\n'                          | 'S'     | 'x'    | '2'   || '[S] ; c\nx = 2\n'
        'a new key goes under a header with trailing text'   | '[S] ; c\nx = 1\n'                          | 'S'     | 'y'    | '2'   || '[S] ; c\ny = 2\nx = 1\n'
        '[x] = 1 ends the section'                           | '[S]\n[x] = 1\nk = 1\n'                     | 'S'     | 'k'    | '2'   || '[S]\nk = 2\n[x] = 1\nk = 1\n'
        'indented and commented lines are not options'       | '[S]\n  x = 1\n#x = 1\n;x = 1\n'            | 'S'     | 'x'    | '2'   || '[S]\nx = 2\n  x = 1\n#x = 1\n;x = 1\n'
        'a longer name is another option'                    | '[S]\nxy = 1\n'                             | 'S'     | 'x'    | '2'   || '[S]\nx = 2\nxy = 1\n'
        'a line without = is not the option'                 | '[S]\nx\n'                                  | 'S'     | 'x'    | '2'   || '[S]\nx = 2\nx\n'
        'an empty value gives a trailing blank'              | '[S]\n'                                     | 'S'     | 'x'    | ''    || '[S]\nx = \n'
        'an empty value replaces the old one'                | '[S]\nx=1\n'                                | 'S'     | 'x'    | ''    || '[S]\nx=\n'
        'a missing final line break is added'                | '[S]\na = 1'                                | 'S'     | 'b'    | '2'   || '[S]\nb = 2\na = 1\n'
        'a CRLF line keeps its CR when replaced'             | '[S]\r\nx = 1\r\n'                          | 'S'     | 'x'    | '2'   || '[S]\r\nx = 2\r\n'
    }

    def "iniset stores the value #value.inspect() exactly as given"() {
        given:
        write('[S]\nold = 1\n')

        when:
        ini.iniset(conf, 'S', 'new', value)
        ini.iniset(conf, 'S', 'old', value)

        then: 'both the insert and the replace path write it literally'
        content() == "[S]\nnew = ${value}\nold = ${value}\n"

        where:
        value << ['a&b', 'a\\b', 'a\\1&', 'a|b', 'a/b', '/etc/nova', '  padded  ', '*', '?', '/*',
                  'a  b\tc', '-n', '-e', '$HOME', '`id`', 'a=b', '# not a comment', '[x]']
    }

    def "iniset does nothing when the #what is empty"() {
        given:
        write('[S]\nx = 1\n')

        when:
        ini.iniset(conf, section, option, 'v')
        ini.iniset(dir.resolve('missing.conf'), section, option, 'v')

        then:
        content() == '[S]\nx = 1\n'
        Files.notExists(dir.resolve('missing.conf'))

        where:
        what                   | section | option
        'section'              | ''      | 'x'
        'option'               | 'S'     | ''
        'section (null)'       | null    | 'x'
        'section and option'   | ''      | ''
    }

    def "iniset writes nothing when the value is already there"() {
        given: 'a file without a final line break: any rewrite would add one'
        write('[S]\nx = 1')

        when:
        ini.iniset(conf, 'S', 'x', '1')

        then:
        content() == '[S]\nx = 1'
    }

    def "a #what with a line break is refused and the file is left alone"() {
        given:
        write('[S]\n')

        when:
        ini.iniset(conf, section, option, value)

        then:
        IllegalArgumentException e = thrown()
        e.message.contains('line break')
        content() == '[S]\n'

        where:
        what      | section     | option   | value
        'value'   | 'S'         | 'x'      | 'a\n[evil]\nb'
        'value'   | 'S'         | 'x'      | 'a\rb'
        'section' | 'S\n[T]'    | 'x'      | 'v'
        'option'  | 'S'         | 'x\ny'   | 'v'
    }

    def "#helper refuses the #what name #name.inspect(), which would change the file's structure"() {
        given:
        write('[DEFAULT]\na = 1\nb = 2\n')

        when:
        call(conf, name)

        then:
        IllegalArgumentException e = thrown()
        e.message.startsWith("$what name '$name' would change the file's structure: $why")
        content() == '[DEFAULT]\na = 1\nb = 2\n'

        where:
        helper             | what      | name      | why                                                  | call
        'iniset'           | 'option'  | '[evil]'  | 'it starts with \'[\', so the line would be read as a section header' | { Path f, String n -> IniEditor.on(IniEditor.FILES).iniset(f, 'DEFAULT', n, 'x') }
        'iniset'           | 'option'  | 'k=v'     | "it contains '=', so the line would be read as an option named 'k'" | { Path f, String n -> IniEditor.on(IniEditor.FILES).iniset(f, 'DEFAULT', n, 'x') }
        'iniset'           | 'option'  | '#k'      | "it starts with '#', so the line would be read as a comment"       | { Path f, String n -> IniEditor.on(IniEditor.FILES).iniset(f, 'DEFAULT', n, 'x') }
        'iniset'           | 'option'  | ';k'      | "it starts with ';', so the line would be read as a comment"       | { Path f, String n -> IniEditor.on(IniEditor.FILES).iniset(f, 'DEFAULT', n, 'x') }
        'iniset'           | 'option'  | ' k'      | 'it starts with a blank'                             | { Path f, String n -> IniEditor.on(IniEditor.FILES).iniset(f, 'DEFAULT', n, 'x') }
        'iniset'           | 'option'  | 'k '      | 'it ends with a blank'                               | { Path f, String n -> IniEditor.on(IniEditor.FILES).iniset(f, 'DEFAULT', n, 'x') }
        'iniset'           | 'option'  | 'a:b'     | "it contains ':'"                                    | { Path f, String n -> IniEditor.on(IniEditor.FILES).iniset(f, 'DEFAULT', n, 'x') }
        'iniset'           | 'option'  | 'k\u0000' | 'it contains the control character U+0000'          | { Path f, String n -> IniEditor.on(IniEditor.FILES).iniset(f, 'DEFAULT', n, 'x') }
        'iniset'           | 'section' | 'a]b'     | "it contains ']'"                                    | { Path f, String n -> IniEditor.on(IniEditor.FILES).iniset(f, n, 'k', 'x') }
        'iniset'           | 'section' | 'a\u001bb' | 'it contains the control character U+001B'         | { Path f, String n -> IniEditor.on(IniEditor.FILES).iniset(f, n, 'k', 'x') }
        'iniset_multiline' | 'option'  | '[evil]'  | 'it starts with'                                     | { Path f, String n -> IniEditor.on(IniEditor.FILES).inisetMultiline(f, 'DEFAULT', n, 'x', 'y') }
        'iniadd'           | 'option'  | 'k=v'     | "it contains '='"                                    | { Path f, String n -> IniEditor.on(IniEditor.FILES).iniadd(f, 'DEFAULT', n, 'x') }
        'iniadd_literal'   | 'option'  | '#k'      | "it starts with '#'"                                 | { Path f, String n -> IniEditor.on(IniEditor.FILES).iniaddLiteral(f, 'DEFAULT', n, 'x') }
    }

    def "names that keep the file's structure are written as given: section #section.inspect(), option #option.inspect()"() {
        when:
        ini.iniset(conf, section, option, 'v')

        then:
        ini.iniget(conf, section, option) == 'v'
        ini.inigetSections(conf) == [section]

        where:
        section                  | option
        'DEFAULT'                | 'my opt'
        'composite:osapi'        | '/v2.1'
        'filter:s3token'         | 'www_authenticate_uri'
        'a[b'                    | 'k.with.dots'
        'keystone_authtoken'     | 'x*'
    }

    // ----- iniget, iniget_multiline, ini_has_option -----

    def "iniget: #why"() {
        given:
        write(text)

        expect:
        ini.iniget(conf, section, option) == expected

        where:
        why                                              | text                                            | section | option || expected
        'a plain value'                                  | '[S]\nx = 1\n'                                  | 'S'     | 'x'    || '1'
        'blanks around the value are trimmed'            | '[S]\nx =  \ta  b \t\n'                         | 'S'     | 'x'    || 'a  b'
        'the last occurrence wins'                       | '[S]\nx = 1\nx = 2\n'                           | 'S'     | 'x'    || '2'
        'the last occurrence of all ranges wins'         | '[S]\nx = 1\n[T]\nx = 9\n[S]\nx = 3\n[T]\n'    | 'S'     | 'x'    || '3'
        'only the first = separates the value'           | '[S]\nx = a=b\n'                                | 'S'     | 'x'    || 'a=b'
        'an empty value'                                 | '[S]\nx=\n'                                     | 'S'     | 'x'    || ''
        'a value like -n is returned as is'              | '[S]\nx = -n\n'                                 | 'S'     | 'x'    || '-n'
        'a glob is returned as is'                       | '[S]\nx = *\n'                                  | 'S'     | 'x'    || '*'
        'a CRLF file gives the value without CR'         | '[S]\r\nx = 1\r\n'                              | 'S'     | 'x'    || '1'
        'a missing option'                               | '[S]\ny = 1\n'                                  | 'S'     | 'x'    || ''
        'a missing section'                              | '[T]\nx = 1\n'                                  | 'S'     | 'x'    || ''
        'the option of another section'                  | '[S]\n[T]\nx = 1\n'                             | 'S'     | 'x'    || ''
        'a literal name: a.b is not axb'                 | '[S]\naxb = 1\n'                                | 'S'     | 'a.b'  || ''
        'a commented option'                             | '[S]\n#x = 1\n'                                 | 'S'     | 'x'    || ''
        'the second of two adjacent headers'             | '[S]\n[S]\nx = 1\n'                             | 'S'     | 'x'    || '1'
    }

    def "iniget of a missing file is empty and does not create it"() {
        expect:
        ini.iniget(conf, 'S', 'x') == ''
        Files.notExists(conf)
    }

    def "iniget_multiline joins every value in file order with single spaces"() {
        given:
        write('[S]\nx = a\nk = 1\nx=b c\n[T]\nx = t\n[S]\nx = d\nx =\n')

        expect:
        ini.inigetMultiline(conf, 'S', 'x') == 'a b c d'
        ini.inigetMultiline(conf, 'S', 'missing') == ''
        ini.inigetMultiline(dir.resolve('missing.conf'), 'S', 'x') == ''
    }

    def "ini_has_option: #why"() {
        given:
        write(text)

        expect:
        ini.iniHasOption(conf, 'S', option) == expected

        where:
        why                                | text                     | option || expected
        'a set option'                     | '[S]\nx = 1\n'           | 'x'    || true
        'an empty value counts'            | '[S]\nx =\n'             | 'x'    || true
        'a name without = does not'        | '[S]\nx\n'               | 'x'    || false
        'a commented option does not'      | '[S]\n#x = 1\n'          | 'x'    || false
        'an indented option does not'      | '[S]\n x = 1\n'          | 'x'    || false
        'another section does not'         | '[T]\nx = 1\n'           | 'x'    || false
        'a literal name: a.b is not axb'   | '[S]\naxb = 1\n'         | 'a.b'  || false
        'an empty name does not'           | '[S]\n = 1\n'            | ''     || false
    }

    def "ini_has_option of a missing file is false"() {
        expect:
        !ini.iniHasOption(conf, 'S', 'x')
    }

    // ----- iniset_multiline, iniadd, iniadd_literal -----

    def "iniset_multiline: #why"() {
        given:
        if (before != null) {
            write(before)
        }

        when:
        ini.inisetMultiline(conf, 'S', 'x', *values)

        then:
        (Files.exists(conf) ? content() : null) == after

        where:
        why                                                 | before                                  | values            || after
        'a missing file gets the section and the values'    | null                                    | ['a', 'b c']      || '\n[S]\nx = a\nx = b c\n'
        'a missing section is appended'                     | '[T]\n'                                 | ['a', 'b']        || '[T]\n\n[S]\nx = a\nx = b\n'
        'old lines go, new ones are at the top in order'    | '[S]\nk = 1\nx = old\ny = 2\nx=old2\n'  | ['a', 'b', 'c']   || '[S]\nx = a\nx = b\nx = c\nk = 1\ny = 2\n'
        'values are not split or expanded'                  | '[S]\n'                                 | ['p q', '*', '']  || '[S]\nx = p q\nx = *\nx = \n'
        'every header gets the values'                      | '[S]\nx = 1\n[T]\n[S]\nx = 2\n'         | ['a']             || '[S]\nx = a\n[T]\n[S]\nx = a\n'
        'no values just deletes'                            | '[S]\nx = 1\nk = 2\n'                   | []                || '[S]\nk = 2\n'
        'no values does not add the section'                | '[T]\n'                                 | []                || '[T]\n'
        'no values does not create the file'                | null                                    | []                || null
    }

    def "iniadd keeps the existing values, appends the new ones, and moves them all to the top"() {
        given:
        write('[S]\nk = 1\nx = a\n')

        when:
        ini.iniadd(conf, 'S', 'x', 'b c', 'd')

        then:
        content() == '[S]\nx = a\nx = b c\nx = d\nk = 1\n'
        ini.inigetMultiline(conf, 'S', 'x') == 'a b c d'
    }

    def "iniadd on a missing file creates the section"() {
        when:
        ini.iniadd(conf, 'S', 'x', 'a')

        then:
        content() == '\n[S]\nx = a\n'
    }

    def "iniadd_literal adds one more line under the header, value as given"() {
        given:
        write('[S]\nx = a\n')

        when:
        ini.iniaddLiteral(conf, 'S', 'x', 'b  c')

        then:
        content() == '[S]\nx = b  c\nx = a\n'
    }

    def "iniadd_literal adds nothing when the section is missing"() {
        given:
        write('[T]\n')

        when:
        ini.iniaddLiteral(conf, 'S', 'x', 'v')
        ini.iniaddLiteral(dir.resolve('missing.conf'), 'S', 'x', 'v')

        then:
        content() == '[T]\n'
        Files.notExists(dir.resolve('missing.conf'))
    }

    // ----- inicomment, iniuncomment, inidelete -----

    def "inicomment comments out every option line of the section, and only those"() {
        given:
        write('[S]\nx = 1\n  x = 2\nx=3\nxy = 4\n[T]\nx = 5\n')

        when:
        ini.inicomment(conf, 'S', 'x')

        then:
        content() == '[S]\n#x = 1\n  x = 2\n#x=3\nxy = 4\n[T]\nx = 5\n'
    }

    def "iniuncomment turns #line.inspect() into #after.inspect()"() {
        given:
        write("[S]\n${line}\n[T]\n#x = 9\n")

        when:
        ini.iniuncomment(conf, 'S', 'x')

        then:
        content() == "[S]\n${after}\n[T]\n#x = 9\n"

        where:
        line             || after
        '#x = 1'         || 'x = 1'
        '# x = 1'        || 'x = 1'
        '#\tx=1'         || 'x=1'
        '  #  x = 1'     || '  x = 1'
        ';x = 1'         || ';x = 1'
        'a#x = 5'        || 'a#x = 5'
        'k = 1 # x = 6'  || 'k = 1 # x = 6'
        '#xy = 1'        || '#xy = 1'
        '#x'             || '#x'
        '#a.b = 1'       || '#a.b = 1'
    }

    def "iniuncomment takes the option name literally"() {
        given:
        write('[S]\n#axb = 1\n#a.b = 2\n')

        when:
        ini.iniuncomment(conf, 'S', 'a.b')

        then:
        content() == '[S]\n#axb = 1\na.b = 2\n'
    }

    def "inidelete removes every option line of the section, and only those"() {
        given:
        write('[S]\nx = 1\nk = 2\nx=3\n#x = 4\n[T]\nx = 5\n[S]\nx = 6\n')

        when:
        ini.inidelete(conf, 'S', 'x')

        then:
        content() == '[S]\nk = 2\n#x = 4\n[T]\nx = 5\n[S]\n'
    }

    def "inidelete does nothing for an empty #what"() {
        given:
        write('[S]\nx = 1\n')

        when:
        ini.inidelete(conf, section, option)

        then:
        content() == '[S]\nx = 1\n'

        where:
        what      | section | option
        'section' | ''      | 'x'
        'option'  | 'S'     | ''
    }

    def "#operation on a missing file does not create it"() {
        when:
        ini."$operation"(conf, 'S', 'x')

        then:
        Files.notExists(conf)

        where:
        operation << ['inidelete', 'inicomment', 'iniuncomment']
    }

    // ----- iniget_sections -----

    def "iniget_sections lists the literal names in order, duplicates kept"() {
        given:
        write('k = 0\n[a]\nk = 1\n[b] ; x]\n  [indented]\n[a]\n[c] = 1\nno]\n[]\n')

        expect:
        ini.inigetSections(conf) == ['a', 'b', 'a', 'c', '']
    }

    def "iniget_sections of a missing file is empty"() {
        expect:
        ini.inigetSections(conf) == []
    }

    // ----- the model without files -----

    def "parsing and rendering gives back every file that ends with a line break"() {
        expect:
        IniFile.parse(text).render() == text

        where:
        text << ['', '\n', '\n\n', '[S]\nx = 1\n', '[S]\r\nx = 1\r\n', ' \t\n# c\n']
    }

    def "a last line without line break is kept as a line"() {
        expect:
        IniFile.parse('a\nb').lines() == ['a', 'b']
        IniFile.parse('a\nb').render() == 'a\nb\n'
    }

    def "IniFile edits in memory as the file helpers do"() {
        given:
        IniFile ini = new IniFile()

        when:
        ini.iniset('DEFAULT', 'debug', 'True')
        ini.iniset('DEFAULT', 'compute_driver', 'fake.FakeDriver')
        ini.inisetMultiline('DEFAULT', 'pci', ['a', 'b'])

        then:
        ini.render() == '\n[DEFAULT]\npci = a\npci = b\ncompute_driver = fake.FakeDriver\ndebug = True\n'
        ini.values('DEFAULT', 'pci') == ['a', 'b']
        ini.iniget('DEFAULT', 'debug') == 'True'
    }

    // ----- files that cannot be read or written -----

    def "an ini file whose parent path is a regular file fails naming the path, and nothing changes"() {
        given:
        Path plain = dir.resolve('plain')
        Files.writeString(plain, 'keep\n')
        Path file = plain.resolve('nova.conf')

        when:
        ini.iniset(file, 'S', 'x', '1')

        then:
        IniException e = thrown()
        e.message.contains(file.toString())
        Files.readString(plain) == 'keep\n'
    }

    def "an ini file whose directory is missing fails naming the directory"() {
        given:
        Path file = dir.resolve('etc/nova/nova.conf')

        when:
        ini.iniset(file, 'S', 'x', '1')

        then:
        IniException e = thrown()
        e.message.contains(file.toString())
        e.message.contains(file.parent.toString())
        Files.notExists(dir.resolve('etc'))
    }

    @Requires({ AtomicFileSpec.permissionsAreEnforced() })
    def "an ini file in a read-only directory fails naming the path and keeps its content"() {
        given:
        Path locked = Files.createDirectory(dir.resolve('locked'))
        Path file = locked.resolve('nova.conf')
        Files.writeString(file, '[S]\nx = 1\n')
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString('r-x------'))

        when:
        ini.iniset(file, 'S', 'x', '2')

        then:
        IniException e = thrown()
        e.message.contains(file.toString())
        Files.readString(file) == '[S]\nx = 1\n'

        cleanup:
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString('rwx------'))
    }

    def "a path that is a directory cannot be read and is named in the error"() {
        given:
        Files.createDirectory(conf)

        when:
        ini.iniget(conf, 'S', 'x')

        then:
        IniException e = thrown()
        e.message.contains(conf.toString())
    }

    def "a file that is not UTF-8 is refused rather than corrupted"() {
        given:
        byte[] latin1 = '[S]\nname = Zo\u00eb\n'.getBytes('ISO-8859-1')
        Files.write(conf, latin1)

        when:
        ini.iniset(conf, 'S', 'x', '1')

        then:
        IniException e = thrown()
        e.message.contains(conf.toString())
        e.message.contains('UTF-8')
        Files.readAllBytes(conf) == latin1
    }

    def "iniset keeps the file's mode #expected"() {
        given:
        write('[S]\nx = 1\n')
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString(expected))

        when:
        ini.iniset(conf, 'S', 'x', '2')

        then:
        content() == '[S]\nx = 2\n'
        PosixFilePermissions.toString(Files.getPosixFilePermissions(conf)) == expected

        where:
        expected << ['rw-------', 'rw-r-----']
    }

    def "a file created by iniset gets mode 0644"() {
        when:
        ini.iniset(conf, 'S', 'x', '1')

        then:
        PosixFilePermissions.toString(Files.getPosixFilePermissions(conf)) == 'rw-r--r--'
    }
}
