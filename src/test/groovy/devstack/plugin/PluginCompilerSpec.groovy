package devstack.plugin

import devstack.script.PluginScript
import devstack.testkit.Cli
import devstack.testkit.Tree
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** Compiling plugins: one class per file under its own name, errors with file:line:column. */
class PluginCompilerSpec extends Specification {
    @TempDir
    Path top

    PluginCompiler compiler = new PluginCompiler(PluginScript)

    private PluginSource source(PluginKind kind, String name, String text) {
        Path path = top.resolve(kind.directory()).resolve(name)
        Files.createDirectories(path.parent)
        Files.writeString(path, text)
        new PluginSource(kind, path, "${kind.directory()}/$name")
    }

    def "each plugin becomes a script class of its own, extending the helper base class"() {
        when:
        def a = compiler.compile(source(PluginKind.HOOK, '10-a.groovy', 'def f() {}'))
        def b = compiler.compile(source(PluginKind.HOOK, '20-b.groovy', 'def f() {}'))

        then:
        a.scriptClass() != b.scriptClass()
        PluginScript.isAssignableFrom(a.scriptClass())
        a.functions() == ['f'] as Set
    }

    def "the functions of a plugin are the ones it defines, not the helpers it inherits"() {
        expect:
        compiler.compile(source(PluginKind.LIBRARY, 'x.groovy', '''
X = 1
def install_x() {}
def configure_x(a, b) {}
private helper() {}
''')).functions() == ['install_x', 'configure_x'] as Set
    }

    def "a syntax error names the plugin file, line and column"() {
        when:
        compiler.compile(source(PluginKind.HOOK, '99-bad.groovy', 'echo_summary "ok"\nif (x {\n'))

        then:
        PluginException e = thrown()
        e.message =~ /^extras\.d\/99-bad\.groovy:2:\d+: /
        e.exitCode() == 2
    }

    def "compileAll reports the errors of every file, not just the first"() {
        when:
        compiler.compileAll([source(PluginKind.HOOK, '10-a.groovy', 'def ('),
                             source(PluginKind.HOOK, '20-ok.groovy', 'def ok() {}'),
                             source(PluginKind.LIBRARY, 'b.groovy', 'x = [')])

        then:
        PluginException e = thrown()
        e.message.readLines().findAll { it =~ /^(extras\.d\/10-a|lib\/b)\.groovy:\d+:\d+: / }.size() == 2
    }

    def "a file that defines a class instead of a script is rejected"() {
        when:
        compiler.compile(source(PluginKind.HOOK, '10-class.groovy', 'class Foo { }'))

        then:
        PluginException e = thrown()
        e.message.contains('defines a class, not a script')
    }

    def "an exception raised in a plugin is located at the plugin's file and line"() {
        given:
        def plugin = compiler.compile(source(PluginKind.HOOK, '30-boom.groovy', '\n\nthrow new IllegalStateException("x")'))
        def script = plugin.scriptClass().getDeclaredConstructor().newInstance()

        when:
        script.run()

        then:
        IllegalStateException e = thrown()
        compiler.locate(e).get().toString() == 'extras.d/30-boom.groovy:3'
    }

    def "plugins with the same base name in different directories are told apart"() {
        given:
        def lib = compiler.compile(source(PluginKind.LIBRARY, 'hypervisor-x.groovy', 'throw new RuntimeException()'))
        def hyp = compiler.compile(source(PluginKind.HYPERVISOR, 'hypervisor-x.groovy', '\nthrow new RuntimeException()'))

        when:
        def locations = [lib, hyp].collect { plugin ->
            try {
                plugin.scriptClass().getDeclaredConstructor().newInstance().run()
                null
            } catch (RuntimeException e) {
                compiler.locate(e).get().toString()
            }
        }

        then:
        locations == ['lib/hypervisor-x.groovy:1', 'nova_plugins/hypervisor-x.groovy:2']
    }

    def "\"... \$1\" in a double-quoted string gets a hint on how to write it"() {
        when:
        compiler.compile(source(PluginKind.HOOK, '10-args.groovy', 'def x = 1\necho_summary "phase $1"\n'))

        then:
        PluginException e = thrown()
        e.message.startsWith('extras.d/10-args.groovy:2:')
        e.message.endsWith('(inside a double-quoted string write ${$1}, or \'...\' + $1)')
    }

    def "the parser's own chatter never reaches stderr"() {
        given:
        def stderr = System.err
        def captured = new ByteArrayOutputStream()
        System.err = new PrintStream(captured)

        when:
        compiler.compile(source(PluginKind.HOOK, '10-args.groovy', 'echo_summary "phase $1"\n'))

        then:
        thrown(PluginException)
        captured.size() == 0

        cleanup:
        System.err = stderr
    }

    def "a call that would end the program is refused at compile time, with file, line and column: #code"() {
        when:
        compiler.compile(source(PluginKind.HOOK, '50-exit.groovy', "echo_summary 'start'\n$code\n"))

        then:
        PluginException e = thrown()
        e.exitCode() == 2
        e.message =~ /^extras\.d\/50-exit\.groovy:$line:\d+: ${java.util.regex.Pattern.quote(call)}\(\) would end the whole program/
        e.message.contains("call die 'message' to stop the run with an error")

        where:
        code                                                        || line | call
        'System.exit(0)'                                            || 2    | 'System.exit'
        'System.exit 3'                                             || 2    | 'System.exit'
        'java.lang.System.exit(1)'                                  || 2    | 'System.exit'
        'Runtime.getRuntime().exit(1)'                              || 2    | 'Runtime.exit'
        'Runtime.runtime.halt(1)'                                   || 2    | 'Runtime.halt'
        'Runtime.getRuntime().halt(2)'                              || 2    | 'Runtime.halt'
        'def stop = System.&exit'                                   || 2    | 'System.exit'
        'if ($1 == "stack") {\n  [1].each {\n    System.exit(it)\n  }\n}' || 4 | 'System.exit'
        'def stop_all() {\n  System.exit(1)\n}'                      || 3    | 'System.exit'
    }

    def "a statically imported exit is refused too"() {
        when:
        compiler.compile(source(PluginKind.HOOK, '50-exit.groovy', 'import static java.lang.System.exit\n\nexit(0)\n'))

        then:
        PluginException e = thrown()
        e.message =~ /^extras\.d\/50-exit\.groovy:3:\d+: System\.exit\(\) would end the whole program/
    }

    def "calls that merely share the name are not refused: #code"() {
        expect:
        compiler.compile(source(PluginKind.HOOK, '50-ok.groovy', code)) != null

        where:
        code << ['def exit(int code) { code }\nexit(1)', 'def door = [exit: { 1 }]\ndoor.exit()',
                 'System.getProperty("java.version")', 'Runtime.getRuntime().availableProcessors()',
                 'def name = "install"\n"${name}_template"()']
    }

    def "an error inside a closure is located at the closure's line, not the line of the call that runs it"() {
        given:
        def plugin = compiler.compile(source(PluginKind.HOOK, '50-closure.groovy', """\
['a'].each {
    ['b'].collect {
        throw new IllegalStateException('inner')
    }
}
"""))

        when:
        Throwable error = null
        try {
            plugin.scriptClass().getDeclaredConstructor().newInstance().run()
        } catch (IllegalStateException e) {
            error = e
        }

        then:
        compiler.locate(error).get().toString() == 'extras.d/50-closure.groovy:3'
    }

    def "a file is compiled at most once per run, and again only when its text changed"() {
        given:
        def source = source(PluginKind.LIBRARY, 'lib.groovy', 'def value() { 1 }')

        when:
        def first = compiler.compile(source)
        def again = compiler.compile(source)

        then:
        again.is(first)
        compiler.compiledFiles() == 1

        when:
        Files.writeString(source.path(), 'def value() { 2 }')
        def changed = compiler.compile(source)

        then:
        compiler.compiledFiles() == 2
        changed.scriptClass() != first.scriptClass()
        changed.scriptClass().getDeclaredConstructor().newInstance().value() == 2
    }

    def "source of a file outside lib/ in every phase compiles it once and runs the same script each time"() {
        given:
        Path outside = top.resolve('elsewhere/devstack/lib/counter.groovy')
        Files.createDirectories(outside.parent)
        Files.writeString(outside, '''
@groovy.transform.Field int runs = 0
runs++
new File(PROBE_LOG) << "runs=$runs\\n"
''')
        def tree = new Tree(top.resolve('tree'))
        tree.hook('10-source.groovy', "source '$outside'")
        tree.localConf('ENABLED_SERVICES=')

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 0
        tree.probed() == (1..6).collect { "runs=$it".toString() }
    }
}
