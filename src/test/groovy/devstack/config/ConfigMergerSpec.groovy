package devstack.config

import devstack.ini.IniFile
import spock.lang.Specification

import java.util.function.Consumer
import java.util.function.Function

/**
 * The layout a meta-section merge leaves, as DevStack's merge_config_file does (reference §5): new keys at the
 * top of their section in local.conf order, existing keys replaced in place, a key given several times (across
 * headers and blocks too) a multi-line option in order, new sections appended.
 */
class ConfigMergerSpec extends Specification {
    List<String> warnings = []

    private String merge(String before, String body) {
        List<LocalConf.Line> lines = []
        body.split('\n', -1).eachWithIndex { String text, int i -> lines << new LocalConf.Line(i + 1, text) }
        IniFile ini = IniFile.parse(before)
        ConfigMerger.apply(ini, ConfigMerger.parse('local.conf', lines, { warnings << it } as Consumer<String>),
                Function.identity())
        ini.render()
    }

    def "#what"() {
        expect:
        merge(before, body) == after

        where:
        what                                                   | before                         | body                                                  || after
        'new keys go to the top of a new section, in order'   | ''                             | '[S]\na = 1\nb = 2'                                   || '\n[S]\na = 1\nb = 2\n'
        'new keys go above the existing ones, in order'       | '[S]\nold = x\n'               | '[S]\na = 1\nb = 2'                                   || '[S]\na = 1\nb = 2\nold = x\n'
        'an existing key is replaced in place'                | '[S]\nx = 1\ny=2\n'            | '[S]\ny = 3'                                          || '[S]\nx = 1\ny=3\n'
        'a key given twice becomes a multi-line option'       | ''                             | '[S]\nk = 1\nk = 2'                                   || '\n[S]\nk = 1\nk = 2\n'
        'a repeat under a second header joins the first'      | ''                             | '[S]\na = 1\n[S]\na = 2\nb = 3'                       || '\n[S]\na = 1\na = 2\nb = 3\n'
        'adjacent headers of one section keep the key order'  | ''                             | '[S]\na = 1\n[S]\nb = 2'                              || '\n[S]\na = 1\nb = 2\n'
        'a section that comes back later is a new entry'      | ''                             | '[S]\na = 1\n[T]\nx = 1\n[S]\na = 2\nb = 3'           || '\n[S]\nb = 3\na = 1\na = 2\n\n[T]\nx = 1\n'
        'a multi-line option replaces the existing lines'     | '[S]\nk = old\nz = 1\nk = old2\n' | '[S]\nk = 1\nk = 2'                               || '[S]\nk = 1\nk = 2\nz = 1\n'
        'new sections are appended in order'                  | '[A]\na = 1\n'                 | '[B]\nb = 1\n[C]\nc = 1'                              || '[A]\na = 1\n\n[B]\nb = 1\n\n[C]\nc = 1\n'
        'comments, indented and blank lines are skipped'      | ''                             | '[S]\n# note\n  indented = no\n\nk = v'                || '\n[S]\nk = v\n'
        'a ; line is a comment too'                           | ''                             | '[S]\n;debug = True\nk = v'                           || '\n[S]\nk = v\n'
        'a value keeps its = signs and quotes'                | ''                             | '[S]\nurl = mysql://u:p@h/db?x=1\nj = {"a": "b"}'      || '\n[S]\nurl = mysql://u:p@h/db?x=1\nj = {"a": "b"}\n'
    }

    def "lines before the first section header are ignored with a warning"() {
        expect:
        merge('', 'k = v\n[S]\na = 1') == '\n[S]\na = 1\n'
        warnings == ["local.conf:1: 'k = v' comes before any [section] and is ignored, as in DevStack"]
    }

    def "a key that iniset would refuse is an error at its local.conf line, before anything is merged: #line"() {
        when:
        merge('', "[S]\na = 1\n$line")

        then:
        ConfigurationException e = thrown()
        e.exitCode() == 2
        e.message.startsWith("local.conf:3: '$line': the option name cannot be written: $why")

        where:
        line            | why
        'a:b = 1'       | "it contains ':'"
        'a\u0001 = 1'   | 'it contains the control character U+0001'
    }
}
