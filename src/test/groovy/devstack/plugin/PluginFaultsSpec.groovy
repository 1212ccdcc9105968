package devstack.plugin

import devstack.testkit.Cli
import devstack.testkit.Program
import devstack.testkit.Tree
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * Plugins that misbehave, through the real command line: each fault is reported with the plugin's file and line
 * and the right exit code, and never ends, hides or garbles the run.
 */
class PluginFaultsSpec extends Specification {
    @TempDir
    Path dir

    Tree tree

    def setup() {
        tree = new Tree(dir).probeHook('10-probe.groovy')
        tree.localConf('ENABLED_SERVICES=template')
    }

    def "a dangling hook symlink stops #command with exit 2, naming it, before any hook runs"() {
        given:
        Files.createSymbolicLink(tree.root.resolve('extras.d/50-gone.groovy'), Path.of('/nonexistent/50-gone.groovy'))

        when:
        def run = Cli.run(tree.root, command)

        then:
        run.exitCode == 2
        run.err.contains('[ERROR] extras.d/50-gone.groovy: cannot be read: it is a dangling symlink '
                + '(to /nonexistent/50-gone.groovy)')
        tree.probed().isEmpty()

        where:
        command << ['stack', 'unstack', 'plugins']
    }

    def "a dangling symlink in an external plugin's devstack/lib stops the run with exit 2, naming it"() {
        given:
        Path clone = tree.dest.resolve('foo')
        Files.createDirectories(clone.resolve('devstack/lib'))
        Files.writeString(clone.resolve('devstack/plugin.groovy'), '// plugin\n')
        Files.createSymbolicLink(clone.resolve('devstack/lib/foo.groovy'), Path.of('missing.groovy'))
        tree.localConf('ENABLED_SERVICES=template\nenable_plugin foo file:///nonexistent/foo.git')

        when:
        def run = Cli.run(tree.root, 'unstack')

        then:
        run.exitCode == 2
        run.err.contains("${clone.resolve('devstack/lib/foo.groovy')}: cannot be read: it is a dangling symlink")
        tree.probed().isEmpty()
    }

    /** A hook that runs {@code body} at stack install. */
    private void atInstall(String body) {
        tree.hook('50-fault.groovy', "if (\$1 == 'stack' && \$2 == 'install') {\n$body\n}\n")
    }

    /** The run's log file, once stack has opened it. */
    private String log() {
        Files.readString(tree.dest.resolve('logs/stack.sh.log'))
    }

    /** stack in a JVM of its own: a plugin that managed to end the program must not end the test's JVM. */
    private Map<String, Object> stackInOwnJvm() {
        Path output = dir.resolve('stack.out')
        Process process = Program.start(tree.root, output, 'stack')
        assert process.waitFor(300, TimeUnit.SECONDS): 'stack did not end within 5 minutes (a safety net only)'
        [exitCode: process.exitValue(), output: Files.readString(output)]
    }

    def "System.exit in a hook is refused before anything runs (exit 2), naming the line"() {
        given:
        atInstall("    System.exit(0)")

        when:
        def run = stackInOwnJvm()

        then:
        run.exitCode == 2
        run.output.contains('[ERROR] extras.d/50-fault.groovy:2:5: System.exit() would end the whole program')
        tree.probed().isEmpty()
        !Files.exists(tree.dest)
    }

    def "an exit the compiler cannot see fails its step at its line (exit 1) and the run does not end there: #code"() {
        given:
        atInstall(code)

        when:
        def run = stackInOwnJvm()

        then:
        run.exitCode == 1
        run.output.contains("[ERROR] stack install in extras.d/50-fault.groovy:$line: $call was refused: a plugin "
                + 'cannot end the program in the middle of the run')
        run.output.contains("hint: call die 'message' to stop the run with an error")
        run.output.contains('stack.sh failed: full log in')
        !run.output.contains('interrupted')
        tree.probed().last() == 'hook stack install'

        where:
        code                                          || line | call
        '    def s = System\n    s.exit(0)'           || 3    | 'System.exit(0)'
        '    def r = Runtime.getRuntime()\n    r.halt(3)' || 3 | 'Runtime.halt(3)'
        "    evaluate('System.exit(3)')"              || 2    | 'System.exit(3)'
    }

    def "a plugin's #error gets the failure card, exit 1, and goes to the log, not a raw trace"() {
        given:
        tree.hook('50-fault.groovy', """\
def recurse(n) { recurse(n + 1) }
if (\$1 == 'stack' && \$2 == 'install') {
    $code
}
""")

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 1
        run.err.startsWith("[ERROR] stack install in extras.d/50-fault.groovy:$line: $message")
        hint == null || run.err.contains("hint: $hint")
        run.err =~ /stack\.sh failed: full log in .*stack\.sh\.log\./
        !run.err.contains('\tat ')
        run.err.readLines().size() < 12
        log().contains("[ERROR] stack install in extras.d/50-fault.groovy:$line: $message")

        where:
        error                   | code                                   || line | message                                          | hint
        'StackOverflowError'    | 'recurse(0)'                           || 1    | 'stack overflow (StackOverflowError)'            | 'a function calls itself'
        'AssertionError'        | "assert 1 + 1 == 3"                    || 3    | 'assert 1 + 1 == 3'                              | null
        'ClassNotFoundException'| "Class.forName('no.such.Thing')"       || 3    | 'no.such.Thing'                                  | null
        'NoClassDefFoundError'  | "throw new NoClassDefFoundError('x/Y')"|| 3    | 'NoClassDefFoundError: x/Y'                      | null
    }

    def "an OutOfMemoryError from a plugin gets the failure card with a hint, exit 1"() {
        given: 'an array larger than any JVM allows: the error comes at once, without using memory'
        atInstall('    new long[Integer.MAX_VALUE]')

        when:
        def run = stackInOwnJvm()

        then:
        run.exitCode == 1
        run.output.contains('[ERROR] stack install in extras.d/50-fault.groovy:2: OutOfMemoryError: Requested array '
                + 'size exceeds VM limit')
        run.output.contains('hint: the plugin keeps more in memory than the JVM may use')
        !run.output.contains('\tat ')
        log().contains('OutOfMemoryError: Requested array size exceeds VM limit')
    }

    def "a failing assert on a secret shows its place but never the secret, on the console or in the log"() {
        given:
        tree.hook('50-fault.groovy', """\
ADMIN_PASSWORD = 's3cretpw'
if (\$1 == 'stack' && \$2 == 'install') {
    assert ADMIN_PASSWORD.size() > 20
}
""")

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 1
        run.err.contains('[ERROR] stack install in extras.d/50-fault.groovy:3: assert ADMIN_PASSWORD.size() > 20')
        run.err.contains('******')
        !run.err.contains('s3cretpw')
        !run.out.contains('s3cretpw')
        log().contains('assert ADMIN_PASSWORD.size() > 20')
        !log().contains('s3cretpw')
    }

    def "an error inside a closure is reported at the line that failed: #where"() {
        given:
        tree.library('each.groovy', """\
def each_item(items) {
    items.each { item ->
        die "cannot handle \$item"
    }
}
""")
        atInstall(code)

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 1
        run.err.contains("[ERROR] stack install in $location: $message")

        where:
        where                          | code                                                          || location                       | message
        'a closure in a hook'          | "    ['a', 'b'].each {\n        die 'x'\n    }"              || 'extras.d/50-fault.groovy:3'   | 'x'
        'a closure in a closure'       | "    [1].each {\n        [2].collect {\n            die 'y'\n        }\n    }" || 'extras.d/50-fault.groovy:4' | 'y'
        "a library function's closure" | "    source 'lib/each.groovy'\n    each_item(['z'])"        || 'lib/each.groovy:3'            | 'cannot handle z'
    }

    def "warn inside a closure names the closure's line"() {
        given:
        atInstall("    [1].each {\n        warn 'careful'\n    }")

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 0
        run.err.contains('[WARNING] extras.d/50-fault.groovy:3 careful')
    }

    def "nothing a plugin prints is lost: print and println make one line, and a last partial line is kept"() {
        given:
        atInstall("""\
    print 'a '; println 'b'
    print 'no newline at the end of the call'""")
        tree.hook('60-next.groovy', """\
if (\$1 == 'stack' && \$2 == 'install') {
    printf('%s-%s', 1, 2)
    print ' and more'
}
""")

        when:
        def run = Cli.run(tree.root, 'stack')
        List<String> lines = log().readLines().collect { it.replaceFirst(/^[^|]*\| /, '') }

        then:
        run.exitCode == 0
        lines.contains('a b')
        lines.contains('no newline at the end of the call')
        lines.contains('1-2 and more')
        lines.indexOf('no newline at the end of the call') < lines.indexOf('1-2 and more')
    }

    def "an ini name that would change the file's structure is refused at the plugin's line: #name"() {
        given:
        Path conf = dir.resolve('x.conf')
        Files.writeString(conf, '[DEFAULT]\na = 1\nb = 2\n')
        atInstall("    echo_summary 'setting'\n    iniset '$conf', 'DEFAULT', '$name', 'x'")

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 1
        run.err.contains("[ERROR] stack install in extras.d/50-fault.groovy:3: option name '$name' would change the "
                + "file's structure")
        Files.readString(conf) == '[DEFAULT]\na = 1\nb = 2\n'

        where:
        name << ['[evil]', 'k=v', '#k']
    }
}
