package devstack.cli

import devstack.external.PluginRepo
import devstack.testkit.Cli
import devstack.testkit.Tree
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * {@code devstack check}, and the same check before the first phase of stack, unstack and clean: mistakes in the
 * calls a plugin makes are found before anything runs, and plugins, check and stack agree on what is valid.
 */
class CheckCommandSpec extends Specification {
    @TempDir
    Path dir

    Tree tree

    def setup() {
        tree = new Tree(dir.resolve('top')).probeHook('10-probe.groovy')
        tree.library('thing.groovy', 'def cleanup_thing() { }\n')
        tree.hook('90-last.groovy', '''source 'lib/thing'
if ($1 == 'clean') {
    cleanup_thnig()
}
''')
        tree.localConf('ENABLED_SERVICES=')
    }

    static final String MISTAKE = 'extras.d/90-last.groovy:3:5: no helper or function named cleanup_thnig; ' +
            'did you mean cleanup_thing?'

    def "check names a misspelt function with its file, line, column and the name meant, and exits 2"() {
        when:
        def run = Cli.run(tree.root, 'check')

        then:
        run.exitCode == 2
        run.err.readLines()[0] == "[ERROR] $MISTAKE"
        run.err.contains('hint: fix the plugin above; stack would refuse to start')
        run.out == ''
    }

    def "#command refuses the tree before its first phase: nothing runs and nothing is created"() {
        when:
        def run = Cli.run(tree.root, command)

        then:
        run.exitCode == 2
        run.err.contains(MISTAKE)
        tree.probed().isEmpty()
        !Files.exists(tree.dest)

        where:
        command << ['stack', 'unstack', 'clean']
    }

    def "plugins judges the tree as check and stack do: the hook is invalid, with the same message"() {
        when:
        def run = Cli.run(tree.root, 'plugins')

        then:
        run.exitCode == 2
        run.out.readLines().find { it.startsWith('hook ') && it.contains('90-last') }.split(/\s+/).take(4) ==
                ['hook', '90-last', 'yes', 'no']
        run.out.contains("    $MISTAKE")
    }

    def "once the name is right, check, plugins and stack all accept the tree"() {
        given:
        tree.hook('90-last.groovy', "source 'lib/thing'\nif (\$1 == 'clean') {\n    cleanup_thing()\n}\n")

        expect:
        Cli.run(tree.root, 'check').with { exitCode == 0 && out.readLines() == ['checked 3 plugins and the calls they make: no problems'] }
        Cli.run(tree.root, 'plugins').exitCode == 0
        Cli.run(tree.root, 'clean').exitCode == 0
        tree.probed() == ['hook source', 'hook unstack', 'hook clean']
    }

    def "the shipped tree passes the check"() {
        when:
        def run = Cli.run([DEST: dir.resolve('dest').toString()], Path.of('').toAbsolutePath(), 'check')

        then:
        run.exitCode == 0
        run.out.contains('no problems')
        run.err == ''
    }

    def "a call the check cannot resolve is marked, and then fails only when it runs, as it always did"() {
        given:
        tree.hook('90-last.groovy', "if (\$1 == 'unstack') {\n    install_made_at_run_time()  // devstack:dynamic\n}\n")

        expect:
        Cli.run(tree.root, 'check').exitCode == 0

        when:
        def run = Cli.run(tree.root, 'unstack')

        then:
        run.exitCode == 1
        run.err.contains('unstack in extras.d/90-last.groovy:2: no helper or function named install_made_at_run_time')
    }

    def "a plugin that names its base class for other editors compiles, passes the check and runs"() {
        given:
        tree.hook('90-last.groovy', '''@groovy.transform.BaseScript devstack.script.PluginScript script

if ($1 == 'unstack' && is_service_enabled('n-cpu') == false) {
    new File(PROBE_LOG) << "base script ${$1}\\n"
    echo_summary 'stopping'
}
''')

        when:
        def check = Cli.run(tree.root, 'check')
        def run = Cli.run(tree.root, 'unstack')

        then:
        check.exitCode == 0
        run.exitCode == 0
        tree.probed().contains('base script unstack')
        run.out.contains('stopping')
    }

    def "plugins shows the services each hook tests and whether they are enabled, and warns about a hook that tests only disabled ones"() {
        given:
        tree.hook('90-last.groovy', "if (is_service_enabled('foo', 'foo-api')) { }\n")
        tree.hook('80-on.groovy', "if (is_service_enabled('bar')) { }\n")
        tree.localConf('ENABLED_SERVICES=bar')

        when:
        def run = Cli.run(tree.root, 'plugins')

        then:
        run.exitCode == 0
        run.out.contains('extras.d/80-on.groovy\n    tests services: bar (enabled)\n')
        run.out.contains('extras.d/90-last.groovy\n    tests services: foo (not enabled), foo-api (not enabled)\n')
        run.err.readLines() == ["[WARNING] extras.d/90-last.groovy tests only services that are not enabled (foo, "
                                        + "foo-api), so it does nothing; enable one in local.conf's [[local|localrc]], "
                                        + "e.g. enable_service foo"]
    }

    def "a service a plugin enables itself with enable_service counts as enabled, unless local.conf disabled it"() {
        given:
        tree.library('foo.groovy', "enable_service 'foo'\n")
        tree.hook('90-last.groovy', "source 'lib/foo'\nif (is_service_enabled('foo')) { }\n")
        tree.localConf(localrc)

        when:
        def run = Cli.run(tree.root, 'plugins')

        then:
        run.exitCode == 0
        run.out.contains("extras.d/90-last.groovy\n    tests services: $shown\n")
        run.err.contains('tests only services that are not enabled (foo)') == warned

        where:
        localrc                                | shown                            | warned
        'ENABLED_SERVICES='                    | 'foo (enabled by lib/foo.groovy)' | false
        'ENABLED_SERVICES=\ndisable_service foo' | 'foo (not enabled)'             | true
    }

    def "a stack run ends with one line naming the hooks that tested only disabled services"() {
        given:
        tree.hook('90-last.groovy', "if (is_service_enabled('foo')) { echo_summary 'foo' }\n")
        tree.hook('80-other.groovy', "if (is_service_enabled('bar', 'baz')) { echo_summary 'bar' }\n")
        tree.localConf("ENABLED_SERVICES=$enabled")

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 0
        def lines = run.out.readLines()
        lines.last().startsWith('stack.sh completed in ')
        lines.findAll { it.startsWith('Hooks that tested only disabled services') } == expected

        where:
        enabled   | expected
        'foo,baz' | []
        'baz'     | ['Hooks that tested only disabled services: extras.d/90-last.groovy (foo)']
        ''        | ['Hooks that tested only disabled services: extras.d/80-other.groovy (bar, baz); '
                             + 'extras.d/90-last.groovy (foo)']
    }

    def "a hook may call an external plugin's function: checked once the plugin is cloned, a warning until then"() {
        given: 'a plugin whose settings load its library in the source phase, before the hooks of unstack run'
        def ext = new PluginRepo(dir, 'ext').file('devstack/plugin.groovy', "\n")
                .file('devstack/settings.groovy', 'source "$DEST/ext/devstack/lib/ext.groovy"\n')
                .file('devstack/lib/ext.groovy', "def configure_ext() { }\n").commit()
        tree.hook('90-last.groovy', "if (\$1 == 'unstack') { configure_ext() }\n")
        tree.localConf("ENABLED_SERVICES=\nenable_plugin ext $ext.url")

        when: 'not cloned'
        def before = Cli.run(tree.root, 'check')

        then:
        before.exitCode == 0
        before.err.contains('[WARNING] extras.d/90-last.groovy:1:24: no helper or function named configure_ext; it '
                + 'may be defined by plugin ext, which is not cloned, so it is not checked')
        before.err.contains('[WARNING] plugin ext is not cloned, so it is not checked')

        when: 'cloned, and the plugin defines it'
        PluginRepo.git(dir, 'clone', '--quiet', "$dir/remotes/ext.git", "$tree.dest/ext")
        def after = Cli.run(tree.root, 'check')
        def unstack = Cli.run(tree.root, 'unstack')

        then:
        after.exitCode == 0
        after.err == ''
        unstack.exitCode == 0

        when: 'the plugin no longer defines it'
        Files.writeString(tree.dest.resolve('ext/devstack/lib/ext.groovy'), "def configure_exts() { }\n")
        def broken = Cli.run(tree.root, 'unstack')

        then:
        broken.exitCode == 2
        broken.err.contains('extras.d/90-last.groovy:1:24: no helper or function named configure_ext; did you mean '
                + 'configure_exts?')
        tree.probed().count('hook unstack') == 1
    }
}
