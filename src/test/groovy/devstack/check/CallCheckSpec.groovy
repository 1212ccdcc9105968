package devstack.check

import devstack.config.ServiceSet
import devstack.config.Variables
import devstack.plugin.ClassCache
import devstack.plugin.PluginCheck
import devstack.plugin.PluginCompiler
import devstack.plugin.PluginKind
import devstack.plugin.PluginSet
import devstack.plugin.PluginSource
import devstack.plugin.PluginTree
import devstack.script.PluginScript
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** The check of every call a plugin makes, as stack, unstack, clean, plugins and check make it. */
class CallCheckSpec extends Specification {
    @TempDir
    Path top

    private void file(String relative, String text) {
        Path path = top.resolve(relative)
        Files.createDirectories(path.parent)
        Files.writeString(path, text)
    }

    /** Compiles the tree as stack does, checks its calls, and returns what is wrong, one message each. */
    private List<String> problems(CallCheck.Unknown unknown = CallCheck.Unknown.ERROR) {
        def check = new PluginCheck(new PluginCompiler(PluginScript))
        PluginSet.check(PluginTree.discover(top, {}), check)
        new CallCheck(top, '/opt/stack').check(check, unknown, [])
        check.problems()
    }

    def "a misspelt helper is reported at its file, line and column, with the name that was meant"() {
        given:
        file('extras.d/50-x.groovy', "if (\$1 == 'stack') {\n    $call\n}\n")

        expect:
        problems() == ["extras.d/50-x.groovy:2:5: no helper or function named $name; did you mean $meant?"]

        where:
        call                            | name               | meant
        "install_pakage 'cowsay'"       | 'install_pakage'   | 'install_package'
        "echo_sumary 'x'"               | 'echo_sumary'      | 'echo_summary'
        "iniset_multline f, 's', 'o'"   | 'iniset_multline'  | 'iniset_multiline'
        'getdistro()'                   | 'getdistro'        | 'GetDistro'
        "is_servcie_enabled('a')"       | 'is_servcie_enabled' | 'is_service_enabled'
    }

    def "a name nothing like any other is reported without a guess"() {
        given:
        file('extras.d/50-x.groovy', "frobnicate_the_widgets()\n")

        expect:
        problems() == ['extras.d/50-x.groovy:1:1: no helper or function named frobnicate_the_widgets']
    }

    def "every call in every branch is checked, in the order of the file, not only the branch a run takes"() {
        given:
        file('extras.d/10-a.groovy', "if (\$1 == 'stack') { echo_summary 'ok' }\n")
        file('extras.d/90-last.groovy', '''
if ($1 == 'clean') {
    cleanup_thing()
}
if ($1 == 'unstack') {
    ['a', 'b'].each { stop_proces it }
}
''')

        expect:
        problems() == ['extras.d/90-last.groovy:3:5: no helper or function named cleanup_thing',
                       'extras.d/90-last.groovy:6:23: no helper or function named stop_proces; did you mean stop_process?']
    }

    def "a call resolves to what the run would find: #what"() {
        given:
        file('lib/foo.groovy', 'def install_foo(dir) { }\ndef configure_foo() { }\n')
        file('extras.d/10-other.groovy', 'def helper_of_another_plugin() { }\n')
        file('extras.d/50-x.groovy', code)

        expect:
        problems() == []

        where:
        what                                   | code
        'a helper'                             | "install_package 'a', 'b'\niniset '/f', 'S', 'o', 'v'"
        'a function of the file itself'        | "def mine(a, b = 1) { }\nmine 1\nmine 1, 2"
        'a function of a library'              | "source 'lib/foo.groovy'\ninstall_foo DEST\nconfigure_foo()"
        'a function of another plugin'         | 'helper_of_another_plugin()'
        'a local holding a closure'            | 'def f = { x -> x }\nf(1)\n[1].each { def g = { }; g() }'
        'a global holding a closure'           | 'run_twice = { c -> c(); c() }\nrun_twice { }'
        'a @Field holding a closure'           | '@groovy.transform.Field def shout = { println it }\nshout(1)'
        'a parameter holding a closure'        | 'def each_of(list, action) { list.each { action(it) } }\neach_of([1]) { }'
        'a Groovy method of every script'      | "println 'x'\nprint 'y'\nprintf '%s', 'z'\nsleep 1\nevaluate '1'"
        'a call on this'                       | 'this.install_package("a")'
        'an is_<name>_enabled predicate'       | 'def is_foo_enabled() { true }\nif (is_foo_enabled()) { }'
    }

    def "calls the check cannot know are left alone: #what"() {
        given:
        file('extras.d/50-x.groovy', code)

        expect:
        problems() == []

        where:
        what                                   | code
        'a call on another receiver'           | 'def x = "a"\nx.frobnicate()'
        'a closure run by with'                | 'def m = [:]\nm.with { put("a", 1); frobnicate() }'
        'a builder'                            | 'def b = new NodeBuilder()\nb.html { head { title("x") } }'
        'a name built at run time'             | 'def n = "foo"\n"install_${n}"()'
        'a marked line'                        | 'install_made_later()   // devstack:dynamic'
        'a marker alone on the line before'    | '// devstack:dynamic\ninstall_made_later()'
        'names declared for the file'          | '// devstack:dynamic install_a install_b\ninstall_a()\nif (true) { install_b 1, 2 }'
        'a category'                           | 'use(groovy.time.TimeCategory) { frobnicate() }'
        'a class of the file'                  | 'class Helper { def go() { frobnicate() } }\nnew Helper()'
    }

    def "a helper given a number of arguments it never takes is reported: #call"() {
        given:
        file('extras.d/50-x.groovy', call + '\n')

        expect:
        problems() == ["extras.d/50-x.groovy:1:1: $message"]

        where:
        call                                        | message
        "iniset NOVA_CONF, 'DEFAULT', 'debug'"      | "iniset takes 4 arguments (file, section, option, value), after an optional '-sudo', got 3"
        "iniset '-sudo', NOVA_CONF, 'DEFAULT', 'x'" | "iniset takes 4 arguments (file, section, option, value), after an optional '-sudo', got 3"
        "iniget_sections()"                         | "iniget_sections takes 1 argument (file), after an optional '-sudo', got 0"
        "git_clone 'https://x', '/opt/x'"           | 'git_clone takes 3 arguments (remote, dest, ref), got 2'
        'stop_process()'                            | 'stop_process takes 1 argument (service), got 0'
        "sh 'true', 'false'"                        | 'sh takes 1 argument (command), got 2'
        "run_process 'a'"                           | 'run_process takes 2 arguments (service, command) or 3 arguments (service, command, group) or 4 arguments (service, command, group, user) or 5 arguments (service, command, group, user, env), got 1'
        'sleep()'                                   | 'sleep takes 1 argument (long) or 2 arguments (long, Closure), got 0'
    }

    def "argument counts a helper takes pass: #call"() {
        given:
        file('extras.d/50-x.groovy', call + '\n')

        expect:
        problems() == []

        where:
        call << ["iniset NOVA_CONF, 'DEFAULT', 'debug', 'True'",
                 "iniset '-sudo', NOVA_CONF, 'DEFAULT', 'debug', 'True'",
                 "def flag = '-sudo'\niniset flag, NOVA_CONF, 'DEFAULT', 'debug', 'True'",
                 "iniset_multiline NOVA_CONF, 'S', 'o'",
                 "iniset_multiline NOVA_CONF, 'S', 'o', 'a', 'b', 'c'",
                 "def args = [NOVA_CONF, 'S', 'o']\niniset(*args)",
                 "install_package()",
                 "echo_summary()",
                 "update_package_repo()\nupdate_package_repo true",
                 "run_process 'a', 'b', '', 'stack', 'X=1'",
                 "die_if_not_set 'HOST_IP'"]
    }

    def "a function of a plugin given arguments none of its definitions takes is reported"() {
        given:
        file('lib/foo.groovy', 'def install_foo(dir) { }\n')
        file('extras.d/50-x.groovy', "source 'lib/foo'\ninstall_foo 'a', 'b'\n")

        expect:
        problems() == ['extras.d/50-x.groovy:2:1: function install_foo takes 1 argument (dir), got 2']
    }

    def "Groovy's own leniency is kept: a single parameter may be left out, a list is spread"() {
        given:
        file('extras.d/50-x.groovy', 'def one(x) { }\ndef two(a, b) { }\none()\ntwo([1, 2])\n')

        expect:
        problems() == []
    }

    def "a library sourced by a path with TOP_DIR or DEST is read, wherever it lies, and checked too"() {
        given:
        file('other/more.groovy', "def install_more() { }\nundefined_in_more()\n")
        file('extras.d/50-x.groovy', "source \"\$TOP_DIR/other/more\"\ninstall_more()\n")

        expect:
        problems() == ['other/more.groovy:2:1: no helper or function named undefined_in_more']
    }

    def "a name a file cannot resolve says when the file sources what the check cannot read"() {
        given:
        file('extras.d/50-x.groovy', "source \"\$SOMEWHERE/lib/x\"\nsource 'lib/missing.groovy'\ninstall_x()\n")

        expect:
        problems() == ['extras.d/50-x.groovy:3:1: no helper or function named install_x (the file sources a path '
                               + 'made at run time at line 1, which the check cannot read, and lib/missing.groovy '
                               + 'at line 2, which does not exist)']
    }

    def "while a file does not compile, unknown names are not reported: it may define them"() {
        given:
        file('lib/broken.groovy', 'def install_broken() {\n')
        file('extras.d/50-x.groovy', "install_broken()\niniset 'f'\n")

        when:
        def found = problems()

        then:
        found.size() == 2
        found[0].startsWith('lib/broken.groovy:')
        found[1] == "extras.d/50-x.groovy:2:1: iniset takes 4 arguments (file, section, option, value), after an optional '-sudo', got 1"
    }

    def "a name only an external plugin may define waits for the external plugins, then is judged with them"() {
        given:
        file('extras.d/50-x.groovy', "configure_ext()\nconfigure_nothing()\n")
        def compiler = new PluginCompiler(PluginScript)
        def tree = new PluginCheck(compiler)
        PluginSet.check(PluginTree.discover(top, {}), tree)
        def calls = new CallCheck(top, '/opt/stack')

        when: 'the tree alone'
        def warnings = calls.check(tree, CallCheck.Unknown.LATER, [])

        then:
        tree.problems() == []
        warnings == []

        when: 'the external plugins, compiled later'
        file('ext/devstack/plugin.groovy', 'def configure_ext() { }\n')
        def external = new PluginCheck(compiler)
        external.compile('ext', new PluginSource(PluginKind.EXTERNAL, top.resolve('ext/devstack/plugin.groovy'),
                top.resolve('ext/devstack/plugin.groovy').toString()))
        calls.check(external, CallCheck.Unknown.ERROR, [])

        then:
        external.problems() == ['extras.d/50-x.groovy:2:1: no helper or function named configure_nothing']
    }

    def "when an enabled external plugin is not cloned, an unknown name is a warning that says so"() {
        given:
        file('extras.d/50-x.groovy', "configure_ext()\n")
        def check = new PluginCheck(new PluginCompiler(PluginScript))
        PluginSet.check(PluginTree.discover(top, {}), check)

        when:
        def warnings = new CallCheck(top, '/opt/stack').check(check, CallCheck.Unknown.WARNING, ['ext'])

        then:
        check.problems() == []
        warnings == ['extras.d/50-x.groovy:1:1: no helper or function named configure_ext; it may be defined by '
                             + 'plugin ext, which is not cloned, so it is not checked']
    }

    def "the services a hook tests with is_service_enabled literals are known, and which hooks test only disabled ones"() {
        given:
        file('extras.d/50-a.groovy', "if (is_service_enabled('a', 'b')) { }\nif (is_service_enabled('c,d e')) { }\n")
        file('extras.d/60-b.groovy', "if (is_service_enabled('x')) { }\ndef name = 'y'\nis_service_enabled(name)\n")
        file('extras.d/70-c.groovy', "echo_summary 'tests none'\n")
        file('lib/l.groovy', "if (is_service_enabled('libs-are-not-hooks')) { }\nenable_service 'z'\n")
        def check = new PluginCheck(new PluginCompiler(PluginScript))
        PluginSet.check(PluginTree.discover(top, {}), check)
        def calls = new CallCheck(top, '/opt/stack')
        calls.check(check, CallCheck.Unknown.ERROR, [])
        def variables = new Variables()
        variables.set('ENABLED_SERVICES', enabled)
        variables.set('DISABLED_SERVICES', '')

        expect:
        calls.servicesTested() == ['extras.d/50-a.groovy': ['a', 'b', 'c', 'd', 'e'], 'extras.d/60-b.groovy': ['x']]
        calls.servicesEnabled() == ['z': 'lib/l.groovy']
        IdleHooks.of(calls.servicesTested(), new ServiceSet(variables, {})) == idle

        where:
        enabled | idle
        'a,x'   | []
        'e'     | ['extras.d/60-b.groovy (x)']
        ''      | ['extras.d/50-a.groovy (a, b, c, d, e)', 'extras.d/60-b.groovy (x)']
    }

    def "did-you-mean picks the nearest name, and only one near enough to be a typo"() {
        expect:
        DidYouMean.nearest(name, ['install_package', 'is_package_installed', 'iniset', 'iniget', 'sh', 'sudo']) ==
                Optional.ofNullable(meant)

        where:
        name                 | meant
        'install_pakage'     | 'install_package'
        'instal_packge'      | 'install_package'
        'inisett'            | 'iniset'
        'Iniget'             | 'iniget'
        'shh'                | 'sh'
        'install_everything' | null
        'x'                  | null
    }
    def "a run whose plugins come from the class cache takes what the check read from the cache too, not from a parse"() {
        given: 'a hook with a misspelt call, a library it sources, and a class cache shared by the runs'
        file('lib/foo.groovy', 'def install_foo() { }\n')
        file('extras.d/50-x.groovy', "source 'lib/foo'\ninstall_foo()\necho_sumary 'x'\n")
        Path cache = top.resolve('cache/classes')
        def checkRun = {
            def check = new PluginCheck(new PluginCompiler(PluginScript, ClassCache.in(cache, {})))
            PluginSet.check(PluginTree.discover(top, {}), check)
            def calls = new CallCheck(top, '/opt/stack')
            calls.check(check, CallCheck.Unknown.ERROR, [])
            [problems: check.problems(), parsed: calls.parsed()]
        }
        def expected = ['extras.d/50-x.groovy:3:1: no helper or function named echo_sumary; did you mean echo_summary?']

        when: 'the first run compiles both files'
        def first = checkRun()

        then:
        first.problems == expected
        first.parsed == 0

        when: 'the next run takes both files from the cache'
        def warm = checkRun()

        then: 'the same problems, and nothing parsed'
        warm.problems == expected
        warm.parsed == 0

        when: 'what the check kept is damaged (the entries without class files), the classes are not'
        def entries = Files.list(cache).withCloseable { it.toList() }
        def codeEntries = entries.findAll { !Files.readAllBytes(it).encodeHex().toString().contains('cafebabe') }
        codeEntries.each {
            def bytes = Files.readAllBytes(it)
            bytes[bytes.length - 1] = (byte) (bytes[bytes.length - 1] ^ 1)
            Files.write(it, bytes)
        }
        def damaged = checkRun()

        then: 'both files are parsed again, with the same result'
        entries.size() == 4
        codeEntries.size() == 2
        damaged.problems == expected
        damaged.parsed == 2

        and: 'and kept again whole'
        checkRun().parsed == 0
    }
}
