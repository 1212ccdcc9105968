package devstack.config

import devstack.DevstackException
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

import java.util.function.Consumer
import java.util.function.Function

/** The localrc body (SPEC §3, reference §5) and the shell word reader under it. */
class LocalrcSpec extends Specification {

    @TempDir
    Path dir

    Variables variables = new Variables()
    List<String> warnings = []
    ServiceSet services = new ServiceSet(variables, { String line -> warnings << line } as Consumer<String>)
    List<String> substitutions = []
    List<List<String>> plugins = []

    Localrc localrc = new Localrc(variables, services,
            { String command, Map environment ->
                substitutions << command
                command == 'echo hi' ? 'hi' : "out of ${command}".toString()
            } as Localrc.CommandSubstitution,
            { String name, String url, String ref, String origin -> plugins << [name, url, ref, origin] } as Localrc.PluginRegistry)

    /** Evaluates text as the body of local.conf, its lines numbered from 1. */
    void evaluate(String text) {
        List<String> lines = text.split('\n', -1) as List<String>
        List<LocalConf.Line> numbered = []
        lines.eachWithIndex { String line, int i -> numbered << new LocalConf.Line(i + 1, line) }
        localrc.evaluate('local.conf', numbered)
    }

    String value(String name) {
        variables.getString(name)
    }

    // ---- assignments ---------------------------------------------------------------------------------------------

    def "the assignment #line sets A to '#expected'"() {
        given:
        variables.set('B', 'bee')
        variables.set('EMPTY', '')

        when:
        evaluate(line)

        then:
        value('A') == expected
        variables.isSet('A')

        where:
        line                               || expected
        'A=b'                              || 'b'
        "A='x y'"                          || 'x y'
        'A="x $B"'                         || 'x bee'
        'A="x ${B}y"'                      || 'x beey'
        'A=$B/x'                           || 'bee/x'
        'A=$UNSET'                         || ''
        'A=${UNSET:-d}'                    || 'd'
        'A=${EMPTY:-d}'                    || 'd'
        'A=${B:-d}'                        || 'bee'
        'A=${UNSET-d}'                     || 'd'
        'A=${EMPTY-d}'                     || ''
        'A=${UNSET:-x y}'                  || 'x y'
        'A=${UNSET:-$B}'                   || 'bee'
        'A='                               || ''
        'A=""'                             || ''
        'export A=b'                       || 'b'
        'export  A="b c"'                  || 'b c'
        'A=a\\ b'                          || 'a b'
        'A="say \\"hi\\""'                 || 'say "hi"'
        "A='it'\\''s'"                     || "it's"
        "A='\$B'"                          || '$B'
        'A=\\$B'                           || '$B'
        'A="a\\\\b"'                       || 'a\\b'
        'A="a\\nb"'                        || 'a\\nb'
        'A=b # a comment'                  || 'b'
        'A=b#c'                            || 'b#c'
        'A="b # not a comment"'            || 'b # not a comment'
        'A=$(echo hi)'                     || 'hi'
        'A="<$(echo hi)>"'                 || '<hi>'
        '   A=indented'                    || 'indented'
    }

    def "\${NAME:=default} assigns the default to an unset or empty NAME and expands to it"() {
        given:
        if (before != null) {
            variables.set('B', before)
        }

        when:
        evaluate('A=${B:=d}')

        then:
        value('A') == expected
        value('B') == expected

        where:
        before || expected
        null   || 'd'
        ''     || 'd'
        'bee'  || 'bee'
    }

    def "A+=x appends to the current value"() {
        when:
        evaluate('A+=x\nA+=y\nB=1\nB+=" 2"')

        then:
        value('A') == 'xy'
        value('B') == '1 2'
    }

    def "a later assignment sees an earlier one"() {
        when:
        evaluate('ADMIN_PASSWORD=secret\nDATABASE_PASSWORD=$ADMIN_PASSWORD\nADMIN_PASSWORD=other')

        then:
        value('DATABASE_PASSWORD') == 'secret'
        value('ADMIN_PASSWORD') == 'other'
    }

    def "\$(command) goes through the CommandSubstitution callback, once per substitution"() {
        when:
        evaluate('A=$(echo hi)\nB="$(uname -r)-x"\nC=\'$(not run)\'')

        then:
        substitutions == ['echo hi', 'uname -r']
        value('A') == 'hi'
        value('B') == 'out of uname -r-x'
        value('C') == '$(not run)'
    }

    def "a nested or quoted parenthesis inside \$(…) stays part of the command"() {
        when:
        evaluate('A=$(echo "(x)")')

        then:
        substitutions == ['echo "(x)"']
    }

    // ---- lines ---------------------------------------------------------------------------------------------------

    def "a ~ that starts a word is HOME, anywhere else it is literal: #line"() {
        given:
        variables.set('HOME', '/home/stack')

        when:
        evaluate(line)

        then:
        value('A') == expected

        where:
        line             | expected
        'A=~'            | '/home/stack'
        'A=~/devstack'   | '/home/stack/devstack'
        'A="~/x"'        | '~/x'
        "A='~'"          | '~'
        'A=x~'           | 'x~'
        'A=~user'        | '~user'
    }

    def "export NAME without a value is accepted and changes nothing"() {
        when:
        evaluate('A=1\nexport A\nexport A B # both')

        then:
        value('A') == '1'
        variables.asMap().keySet() == ['A'] as Set
    }

    def "comments and blank lines do nothing"() {
        when:
        evaluate('# a comment\n\n   \n\t# indented comment\n#A=1\nB=2')

        then:
        !variables.isSet('A')
        value('B') == '2'
        variables.asMap().keySet() == ['B'] as Set
    }

    def "a trailing backslash continues the line"() {
        when:
        evaluate('A=one\\\ntwo\nenable_service a \\\n    b\nC=3')

        then:
        value('A') == 'onetwo'
        services.enabled() == ['a', 'b']
        value('C') == '3'
    }

    def "a backslash at the end of a comment does not swallow the next line, as in bash"() {
        when:
        evaluate(text)

        then:
        value('B') == '2'

        where:
        text << ['# a comment \\\nB=2', 'A=1 # trailing comment \\\nB=2']
    }

    def "an error after a continued line names the line where it started"() {
        when:
        evaluate('A=1\nB=x\\\ny z')

        then:
        ConfigurationException e = thrown()
        e.message.startsWith('local.conf:2:')
    }

    // ---- service and plugin calls --------------------------------------------------------------------------------

    def "enable_service takes several names and appends them"() {
        given:
        variables.set(ServiceSet.ENABLED, 'n-cpu')

        when:
        evaluate('enable_service a b\nenable_service c')

        then:
        value(ServiceSet.ENABLED) == 'n-cpu,a,b,c'
    }

    def "enable_service names may come from variables, split on blanks"() {
        given:
        variables.set(ServiceSet.ENABLED, '')

        when:
        evaluate('MINE="x y"\nenable_service $MINE z')

        then:
        services.enabled() == ['x', 'y', 'z']
    }

    def "disable_service removes and remembers the names"() {
        given:
        variables.set(ServiceSet.ENABLED, 'n-cpu,a,b')

        when:
        evaluate('disable_service a n-cpu')

        then:
        value(ServiceSet.ENABLED) == 'b'
        value(ServiceSet.DISABLED) == 'a,n-cpu'
    }

    def "disable_all_services empties the list and later lines build it again"() {
        given:
        variables.set(ServiceSet.ENABLED, 'n-cpu,a')

        when:
        evaluate('disable_all_services\nenable_service g-api')

        then:
        value(ServiceSet.ENABLED) == 'g-api'
    }

    def "a disabled service stays off after a later enable_service, with a warning"() {
        given:
        variables.set(ServiceSet.ENABLED, 'n-cpu')

        when:
        evaluate('disable_service n-cpu\nenable_service n-cpu')

        then:
        value(ServiceSet.ENABLED) == ''
        warnings == ['Attempt to enable_service n-cpu when it has been disabled']
    }

    def "enable_plugin #args registers ref #ref with its origin"() {
        when:
        evaluate("A=1\nenable_plugin ${args}")

        then:
        plugins == [['heat', 'https://opendev.org/openstack/heat', ref, 'local.conf:2']]

        where:
        args                                                     || ref
        'heat https://opendev.org/openstack/heat'                || 'master'
        'heat https://opendev.org/openstack/heat stable/2024.1'  || 'stable/2024.1'
        'heat "https://opendev.org/openstack/heat" \'refs/x\''   || 'refs/x'
    }

    def "enable_plugin with #count argument(s) is an error naming the line"() {
        when:
        evaluate("\n\nenable_plugin ${args}")

        then:
        ConfigurationException e = thrown()
        e.message.startsWith('local.conf:3:')
        e.message.contains('enable_plugin takes NAME URL [REF]')
        plugins.isEmpty()

        where:
        args          || count
        ''            || 0
        'heat'        || 1
        'a b c d'     || 4
    }

    def "a real DevStack localrc body loads"() {
        given:
        variables.set('DEST', '/opt/stack')
        variables.set(ServiceSet.ENABLED, 'key,n-api,n-cpu,n-net,g-api')

        when:
        evaluate('''\
            |# Credentials
            |ADMIN_PASSWORD=secret
            |DATABASE_PASSWORD=$ADMIN_PASSWORD
            |RABBIT_PASSWORD=$ADMIN_PASSWORD
            |SERVICE_PASSWORD=$ADMIN_PASSWORD
            |
            |HOST_IP=10.0.0.5
            |LOGFILE=$DEST/logs/stack.sh.log
            |LOGDAYS=2
            |SWIFT_HASH=66a3d6b56c1f479c8b4e70ab5c2000f5
            |SWIFT_REPLICAS=1
            |SWIFT_DATA_DIR=$DEST/data
            |export OS_CACERT=/etc/ssl/ca.pem
            |disable_service n-net
            |enable_service q-svc q-agt
            |enable_plugin heat https://opendev.org/openstack/heat stable/2024.1
            |'''.stripMargin())

        then:
        value('DATABASE_PASSWORD') == 'secret'
        value('LOGFILE') == '/opt/stack/logs/stack.sh.log'
        value('SWIFT_DATA_DIR') == '/opt/stack/data'
        value('OS_CACERT') == '/etc/ssl/ca.pem'
        value(ServiceSet.ENABLED) == 'key,n-api,n-cpu,g-api,q-svc,q-agt'
        plugins*.get(0) == ['heat']
    }

    // ---- errors --------------------------------------------------------------------------------------------------

    def "#what is a ConfigurationException naming local.conf and line #line"() {
        when:
        evaluate(text)

        then:
        ConfigurationException e = thrown()
        e.message.startsWith("local.conf:${line}:")
        e.exitCode() == DevstackException.BAD_INPUT

        where:
        what                                 | text                                  || line
        'an unknown command'                 | 'A=1\nB=2\nfrobnicate x'              || 3
        'install_package in localrc'         | 'install_package cowsay'              || 1
        'an unterminated double quote'       | 'A="x'                                || 1
        'an unterminated single quote'       | "\nA='x"                              || 2
        'a blank after ='                    | '\nA= b'                              || 2
        'an assignment followed by a word'   | 'A=b c'                               || 1
        'a pattern substitution'             | '#\n#\nA=${B/x/y}'                    || 3
        'a ${#B} length expansion'           | 'A=${#B}'                             || 1
        'a ${B:?} expansion'                 | 'A=${B:?unset}'                       || 1
        'an unterminated ${'                 | 'A=${B'                               || 1
        'an unterminated $('                 | 'A=$(echo hi'                         || 1
        'a backquote substitution'           | 'A=`date`'                            || 1
        'a ; between commands'               | 'A=1; B=2'                            || 1
        'a pipe'                             | 'enable_service a | tee x'            || 1
        'an if statement'                    | 'if [ -n "$X" ]; then'                || 1
        'a bare export'                      | 'export'                              || 1
        'a single quote left open by \\'     | "A='x\\\ny'"                         || 1
    }

    def "a failing \$(command) is an error naming the line"() {
        given:
        Localrc failing = new Localrc(variables, services,
                { String command, Map environment -> throw new ConfigurationException("\$(${command}) failed with exit code 1") }
                        as Localrc.CommandSubstitution,
                { String name, String url, String ref, String origin -> } as Localrc.PluginRegistry)

        when:
        failing.evaluate('local.conf', [new LocalConf.Line(1, 'A=1'), new LocalConf.Line(2, 'B=$(false)')])

        then:
        ConfigurationException e = thrown()
        e.message == 'local.conf:2: $(false) failed with exit code 1'
    }

    def "the error says what the line was"() {
        when:
        evaluate('A=1\nfrobnicate --now')

        then:
        ConfigurationException e = thrown()
        e.message == "local.conf:2: cannot honour 'frobnicate --now'"
        e.hint() != null
    }

    def "lines before an error have taken effect and lines after it have not"() {
        when:
        evaluate('A=1\nA= b\nC=3')

        then:
        thrown(ConfigurationException)
        value('A') == '1'
        !variables.isSet('C')
    }

    def "a standalone localrc file is read and named by its file name in errors"() {
        given:
        Path file = dir.resolve('localrc')
        Files.writeString(file, 'A=1\nB=2 3\n')

        when:
        localrc.evaluate(file)

        then:
        ConfigurationException e = thrown()
        e.message.startsWith('localrc:2:')
        value('A') == '1'
    }

    // ---- ShellWords ----------------------------------------------------------------------------------------------

    /** A plain map as the expansion environment. */
    static class MapEnvironment implements ShellWords.Environment {
        Map<String, String> values = [:]
        List<String> commands = []

        String get(String name) { values.getOrDefault(name, '') }

        boolean isSet(String name) { values.containsKey(name) }

        void assign(String name, String value) { values[name] = value }

        String runCommand(String command) {
            commands << command
            'ran'
        }
    }

    def "words: #text reads as #split when split and #whole when not"() {
        given:
        def env = new MapEnvironment(values: [X: '1 2', E: ''])

        expect:
        ShellWords.words(text, 0, env, true) == split
        ShellWords.words(text, 0, env, false) == whole

        where:
        text                 || split                    | whole
        'a b  c'             || ['a', 'b', 'c']          | ['a', 'b', 'c']
        'cmd $X "$X"'        || ['cmd', '1', '2', '1 2'] | ['cmd', '1 2', '1 2']
        'a#b # c d'          || ['a#b']                  | ['a#b']
        '"" x'               || ['', 'x']                | ['', 'x']
        '$E x'               || ['x']                    | ['', 'x']
        "'\$X' \\\$X"        || ['$X', '$X']             | ['$X', '$X']
        'p$(cmd)q'           || ['pranq']                | ['pranq']
        '   '                || []                       | []
    }

    def "words start reading at the given offset"() {
        expect:
        ShellWords.words('enable_service a b', 'enable_service'.length(), new MapEnvironment(), true) == ['a', 'b']
    }

    def "a malformed word is a SyntaxError saying what is wrong: #text"() {
        when:
        ShellWords.words(text, 0, new MapEnvironment(), true)

        then:
        ShellWords.SyntaxError e = thrown()
        e.message.contains(says)

        where:
        text          || says
        '"abc'        || 'unterminated double quote'
        "'abc"        || 'unterminated single quote'
        '${A/b/c}'    || 'unsupported expansion'
        '${}'         || 'bad substitution'
        '$(a'         || 'unterminated $('
        '`a`'         || 'backquote'
    }

    def "expandVariables expands \$NAME and \${NAME} only and keeps everything else literally"() {
        expect:
        ShellWords.expandVariables(text, { String name -> name == 'A' ? 'v' : "<${name}>".toString() } as Function<String, String>) == expected

        where:
        text                  || expected
        '$A'                  || 'v'
        '${A}x'               || 'vx'
        '$A.conf'             || 'v.conf'
        '$Ab'                 || '<Ab>'
        '$B_1/$A'             || '<B_1>/v'
        '${A:-x}'             || '${A:-x}'
        '$(cmd)'              || '$(cmd)'
        '$1 $ $'              || '$1 $ $'
        '${A'                 || '${A'
        '"$A" \'$A\''         || '"v" \'v\''
        'a\\$A'               || 'a\\v'
    }
}
