package devstack.external

import devstack.testkit.Cli
import devstack.testkit.Tree
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * The external-plugin issue end to end: enable_plugin lines in local.conf, plugins cloned from local bare
 * repositories with file:// URLs, and the phases they receive in stack, unstack and clean (SPEC §2, reference
 * §2.3-§2.5).
 */
class ExternalPluginsSpec extends Specification {
    @TempDir
    Path dir

    Tree tree

    def setup() {
        tree = new Tree(dir.resolve('top')).probeHook()
    }

    PluginRepo repo(String name) {
        new PluginRepo(dir, name)
    }

    /** A plugin that records each of its files being run, with the arguments it got. */
    PluginRepo fullProbe(String name) {
        repo(name)
                .file('devstack/override-defaults.groovy', "new File(PROBE_LOG) << \"$name override [\${\$1}|\${\$2}]\\n\"\n")
                .file('devstack/settings.groovy', "define_plugin '$name'\nnew File(PROBE_LOG) << \"$name settings [\${\$1}|\${\$2}]\\n\"\n")
                .probePlugin(name)
                .commit()
    }

    Cli devstack(String command, String localrc) {
        tree.localConf("ENABLED_SERVICES=template\n$localrc")
        Cli.run(tree.root, command.split(' '))
    }

    Path clone(String name) {
        tree.dest.resolve(name)
    }

    List<String> probed() {
        tree.probed()
    }

    def "stack clones a plugin into DEST/NAME and gives it every phase after the hooks, in this exact order"() {
        given:
        def foo = fullProbe('foo')

        when:
        def run = devstack('stack', "enable_plugin foo $foo.url")

        then:
        run.exitCode == 0
        Files.isDirectory(clone('foo').resolve('.git'))
        probed() == [
                'foo override [|]',
                'hook source',
                'foo settings [|]',
                'hook stack pre-install', 'foo@v1 stack|pre-install',
                'hook stack install', 'foo@v1 stack|install',
                'hook stack post-config', 'foo@v1 stack|post-config',
                'hook stack extra', 'foo@v1 stack|extra',
                'hook stack test-config', 'foo@v1 stack|test-config',
        ]
        run.out.contains('Fetching DevStack plugins')
    }

    def "unstack and clean use the existing clone and pass one argument (an empty \$2); plugin.groovy never sees source"() {
        given:
        def foo = fullProbe('foo')
        assert devstack('stack', "enable_plugin foo $foo.url").exitCode == 0
        tree.clearProbe()

        when:
        def run = devstack(command, "enable_plugin foo $foo.url")

        then:
        run.exitCode == 0
        probed() == expected

        where:
        command   | expected
        'unstack' | ['foo override [|]', 'hook source', 'foo settings [|]', 'hook unstack', 'foo@v1 unstack|']
        'clean'   | ['foo override [|]', 'hook source', 'foo settings [|]', 'hook unstack', 'foo@v1 unstack|',
                     'hook clean', 'foo@v1 clean|']
    }

    def "stack --dry-run of a plugin that is not cloned yet fetches a copy outside DEST and runs it like any other"() {
        given:
        def foo = fullProbe('foo')
                .file('devstack/lib/foo.groovy', "def configure_foo() { iniset \"\$DATA_DIR/foo.conf\", 'DEFAULT', 'x', 'y' }\n")
                .file('devstack/plugin.groovy', """source "\$DEST/foo/devstack/lib/foo.groovy"
new File(PROBE_LOG) << "foo@v1 \${\$1}|\${\$2}\\n"
if (\$1 == 'stack' && \$2 == 'post-config') { configure_foo() }
""")
                .commit()
        def scratchBefore = scratchClones()

        when:
        def run = devstack('stack --dry-run', "enable_plugin foo $foo.url")

        then:
        run.exitCode == 0
        run.out.contains("[dry-run] would clone $foo.url master into ${clone('foo')}")
        probed().containsAll(['foo override [|]', 'foo settings [|]', 'foo@v1 stack|pre-install',
                              'foo@v1 stack|post-config'])
        run.out.contains("[dry-run] would create ${tree.dest.resolve('data/foo.conf')}")
        !Files.exists(tree.dest)
        scratchClones() == scratchBefore
    }

    /** The dry run's scratch clones in the temporary directory. */
    static Set<String> scratchClones() {
        new File(System.getProperty('java.io.tmpdir')).list().findAll { it.startsWith('devstack-dry-run-clone') } as Set
    }

    def "unstack and clean never clone: a plugin that is not cloned is skipped with a warning"() {
        given:
        def foo = fullProbe('foo')

        when:
        def run = devstack(command, "enable_plugin foo $foo.url")

        then:
        run.exitCode == 0
        !Files.exists(clone('foo'))
        run.err.contains("[WARNING] plugin foo: skipped: it is not cloned at ${clone('foo')}")
        probed().contains('hook source')
        !probed().any { it.startsWith('foo') }

        where:
        command << ['unstack', 'clean']
    }

    def "a plugin is cloned at a branch"() {
        given:
        def foo = repo('foo').probePlugin('foo', 'master').commit()
                .checkout('stable/2024.1').probePlugin('foo', 'stable').commit()

        when:
        def run = devstack('stack', "enable_plugin foo $foo.url stable/2024.1")

        then:
        run.exitCode == 0
        probed().contains('foo@stable stack|install')
        !probed().any { it.startsWith('foo@master') }
    }

    def "a plugin is cloned at a tag, not at the branch that moved on"() {
        given:
        def foo = repo('foo').probePlugin('foo', 'one').commit().tag('1.0')
                .probePlugin('foo', 'two').commit()

        when:
        def run = devstack('stack', "enable_plugin foo $foo.url 1.0")

        then:
        run.exitCode == 0
        probed().contains('foo@one stack|install')
        !probed().any { it.startsWith('foo@two') }
    }

    def "REF defaults to master"() {
        given:
        def foo = repo('foo').probePlugin('foo', 'master').commit()
                .checkout('other').probePlugin('foo', 'other').commit()

        when:
        def run = devstack('stack', "enable_plugin foo $foo.url")

        then:
        run.exitCode == 0
        probed().contains('foo@master stack|install')
    }

    def "DEST at the enable_plugin line decides the clone directory, as DevStack's GITDIR"() {
        given:
        def foo = repo('foo').probePlugin('foo').commit()
        Path elsewhere = dir.resolve('plugins-here')

        when:
        def run = devstack('stack', "DEST=$elsewhere\nenable_plugin foo $foo.url\nDEST=$tree.dest")

        then:
        run.exitCode == 0
        Files.isDirectory(elsewhere.resolve('foo/.git'))
        !Files.exists(clone('foo'))
    }

    def "an existing clone is left as it is; RECLONE=#reclone brings it to the new commit"() {
        given:
        def foo = repo('foo').probePlugin('foo', 'v1').commit()
        assert devstack('stack', "enable_plugin foo $foo.url").exitCode == 0
        foo.probePlugin('foo', 'v2').commit()
        tree.clearProbe()

        when:
        def run = devstack('stack', "RECLONE=$reclone\nenable_plugin foo $foo.url")

        then:
        run.exitCode == 0
        probed().contains("foo@$version stack|install".toString())

        where:
        reclone | version
        'False' | 'v1'
        ''      | 'v1'
        'True'  | 'v2'
        'yes'   | 'v2'
    }

    def "RECLONE moves an existing clone to another ref"() {
        given:
        def foo = repo('foo').probePlugin('foo', 'master').commit()
                .checkout('stable').probePlugin('foo', 'stable').commit()
        assert devstack('stack', "enable_plugin foo $foo.url").exitCode == 0
        tree.clearProbe()

        when:
        def run = devstack('stack', "RECLONE=True\nenable_plugin foo $foo.url stable")

        then:
        run.exitCode == 0
        probed().contains('foo@stable stack|install')
    }

    def "OFFLINE=True uses an existing clone and never fetches, even with RECLONE=True"() {
        given:
        def foo = repo('foo').probePlugin('foo', 'v1').commit()
        assert devstack('stack', "enable_plugin foo $foo.url").exitCode == 0
        foo.probePlugin('foo', 'v2').commit()
        tree.clearProbe()

        when:
        def run = devstack('stack', "OFFLINE=True\nRECLONE=True\nenable_plugin foo $foo.url")

        then:
        run.exitCode == 0
        probed().contains('foo@v1 stack|install')
    }

    def "OFFLINE=True without a clone is a clear error and nothing runs"() {
        given:
        def foo = repo('foo').probePlugin('foo').commit()

        when:
        def run = devstack('stack', "OFFLINE=True\nenable_plugin foo $foo.url")

        then:
        run.exitCode == 2
        run.err.contains("plugin foo: OFFLINE=True and ${clone('foo')} is missing")
        !Files.exists(clone('foo'))
        probed() == []
    }

    def "ERROR_ON_CLONE=True refuses to clone, and accepts a clone that is already there"() {
        given:
        def foo = repo('foo').probePlugin('foo').commit()

        when:
        def refused = devstack('stack', "ERROR_ON_CLONE=True\nenable_plugin foo $foo.url")

        then:
        refused.exitCode == 2
        refused.err.contains("plugin foo: ERROR_ON_CLONE=True so cloning $foo.url into ${clone('foo')} is not allowed")
        !Files.exists(clone('foo'))
        probed() == []

        when:
        assert devstack('stack', "enable_plugin foo $foo.url").exitCode == 0
        tree.clearProbe()
        def accepted = devstack('stack', "ERROR_ON_CLONE=True\nenable_plugin foo $foo.url")

        then:
        accepted.exitCode == 0
        probed().contains('foo@v1 stack|install')
    }

    def "GIT_DEPTH=1 makes a shallow clone"() {
        given:
        def foo = repo('foo').probePlugin('foo', 'v1').commit().probePlugin('foo', 'v2').commit()
                .probePlugin('foo', 'v3').commit()

        when:
        def run = devstack('stack', "GIT_DEPTH=$depth\nenable_plugin foo $foo.url")

        then:
        run.exitCode == 0
        PluginRepo.git(clone('foo'), 'rev-list', '--count', 'HEAD') == commits

        where:
        depth | commits
        '1'   | '1'
        '0'   | '3'
    }

    def "a plugin that requires another runs after it, though enabled first (DevStack ignores plugin_requires)"() {
        given:
        def first = repo('first').file('devstack/settings.groovy', '''
            |new File(PROBE_LOG) << 'first settings\\n'
            |'''.stripMargin()).probePlugin('first').commit()
        def second = repo('second').file('devstack/settings.groovy', '''
            |define_plugin 'second'
            |plugin_requires 'second', 'first'
            |new File(PROBE_LOG) << 'second settings\\n'
            |'''.stripMargin()).probePlugin('second').commit()

        when:
        def run = devstack('stack', "enable_plugin second $second.url\nenable_plugin first $first.url")

        then:
        run.exitCode == 0
        probed().findAll { !it.startsWith('hook') }.take(4) ==
                ['first settings', 'second settings', 'first@v1 stack|pre-install', 'second@v1 stack|pre-install']
        probed().findAll { it.contains('test-config') } ==
                ['hook stack test-config', 'first@v1 stack|test-config', 'second@v1 stack|test-config']
    }

    def "plugins that require nothing keep the enable_plugin order"() {
        given:
        def b = repo('b').probePlugin('b').commit()
        def a = repo('a').probePlugin('a').commit()

        when:
        def run = devstack('stack', "enable_plugin b $b.url\nenable_plugin a $a.url")

        then:
        run.exitCode == 0
        probed().findAll { it.contains('|install') } == ['b@v1 stack|install', 'a@v1 stack|install']
    }

    def "a requirement cycle is an error naming the plugins and where they require each other, before anything runs"() {
        given:
        def a = repo('a').file('devstack/settings.groovy', "plugin_requires 'a', 'b'\n").probePlugin('a').commit()
        def b = repo('b').file('devstack/settings.groovy', "\nplugin_requires 'b', 'a'\n").probePlugin('b').commit()

        when:
        def run = devstack('stack', "enable_plugin a $a.url\nenable_plugin b $b.url")

        then:
        run.exitCode == 2
        run.err.contains('the plugins a -> b -> a require each other in a cycle')
        run.err.contains("a requires b (${clone('a')}/devstack/settings.groovy:1)")
        run.err.contains("b requires a (${clone('b')}/devstack/settings.groovy:2)")
        probed() == []
    }

    def "a plugin requiring a plugin that is not enabled is an error naming both, before anything runs"() {
        given:
        def b = repo('b').file('devstack/settings.groovy', "plugin_requires 'b', 'missing'\n").probePlugin('b').commit()

        when:
        def run = devstack('stack', "enable_plugin b $b.url")

        then:
        run.exitCode == 2
        run.err.contains("plugin b requires plugin missing (${clone('b')}/devstack/settings.groovy:1), which is not enabled")
        probed() == []
    }

    def "plugin_requires with a name that is not a string literal is an error at its line"() {
        given:
        def b = repo('b').file('devstack/settings.groovy', "OTHER = 'a'\nplugin_requires 'b', OTHER\n")
                .probePlugin('b').commit()

        when:
        def run = devstack('stack', "enable_plugin b $b.url")

        then:
        run.exitCode == 2
        run.err.contains("${clone('b')}/devstack/settings.groovy:2: plugin_requires takes NAME, OTHER as string literals")
        probed() == []
    }

    def "settings run after the hooks of the source phase: they see what hooks set, and may enable services"() {
        given:
        tree.hook('10-set.groovy', "if (\$1 == 'source') { FROM_HOOK = 'hooked' }")
        def foo = repo('foo').file('devstack/settings.groovy', '''
            |enable_service 'foo-api'
            |new File(PROBE_LOG) << "settings sees $FROM_HOOK\\n"
            |'''.stripMargin())
                .file('devstack/plugin.groovy', '''
            |if ($1 == 'unstack') { new File(PROBE_LOG) << "foo-api enabled: ${is_service_enabled('foo-api')}\\n" }
            |'''.stripMargin()).commit()
        assert devstack('stack', "enable_plugin foo $foo.url").exitCode == 0
        tree.clearProbe()

        when:
        def run = devstack('unstack', "enable_plugin foo $foo.url")

        then:
        run.exitCode == 0
        probed().contains('settings sees hooked')
        probed().contains('foo-api enabled: true')
    }

    def "override-defaults runs before the hooks' source phase, so its values are what hooks see"() {
        given:
        tree.hook('20-read.groovy', "if (\$1 == 'source') { new File(PROBE_LOG) << \"hook sees \$FOO_DEFAULT\\n\" }")
        def foo = repo('foo').file('devstack/override-defaults.groovy', "FOO_DEFAULT = 'overridden'\n")
                .probePlugin('foo').commit()

        when:
        def run = devstack('stack', "enable_plugin foo $foo.url")

        then:
        run.exitCode == 0
        probed().contains('hook sees overridden')
    }

    def "is_plugin_enabled is a literal test of the enable_plugin names"() {
        given:
        def foo = repo('foo').probePlugin('foo').commit()
        tree.hook('60-check.groovy', '''if ($1 == 'unstack') {
            |  ['foo', 'fo', 'bar', '', 'foo,bar'].each { new File(PROBE_LOG) << "$it=${is_plugin_enabled(it)}\\n" }
            |}'''.stripMargin())

        when:
        def run = devstack('unstack', "enable_plugin foo $foo.url\nenable_plugin bar $foo.url")

        then:
        run.exitCode == 0
        probed().findAll { it.contains('=') } == ['foo=true', 'fo=false', 'bar=true', '=false', 'foo,bar=false']
    }

    def "a plugin's libraries in devstack/lib are sourced by absolute path"() {
        given:
        def foo = repo('foo').file('devstack/lib/foo.groovy', "def foo_greet() { new File(PROBE_LOG) << \"greet \${\$1}\\n\" }\n")
                .file('devstack/plugin.groovy', '''
            |source "$DEST/foo/devstack/lib/foo.groovy"
            |if ($1 == 'stack' && $2 == 'install') { foo_greet() }
            |'''.stripMargin()).commit()

        when:
        def run = devstack('stack', "enable_plugin foo $foo.url")

        then:
        run.exitCode == 0
        probed().contains('greet stack')
    }

    // ---- bad input

    def "an unreachable URL reports git's error once, with the plugin's name, and leaves nothing behind"() {
        given:
        String url = "file://$dir/nowhere.git"

        when:
        def run = devstack('stack', "enable_plugin foo $url")

        then:
        run.exitCode == 1
        run.err.contains("plugin foo: cannot clone $url: fatal:")
        run.err.count('does not appear to be a git repository') == 1
        !Files.exists(clone('foo'))
        probed() == []
    }

    def "a ref that does not exist is an error naming the ref, and the useless clone is removed"() {
        given:
        def foo = repo('foo').probePlugin('foo').commit()

        when:
        def run = devstack('stack', "enable_plugin foo $foo.url no-such-branch")

        then:
        run.exitCode == 2
        run.err.contains("plugin foo: cannot fetch ref no-such-branch from $foo.url")
        run.err.contains("couldn't find remote ref no-such-branch")
        !Files.exists(clone('foo'))
        probed() == []
    }

    def "a repository without devstack/plugin.groovy is an error naming the plugin and its clone"() {
        given:
        def foo = repo('foo').file('README', 'not a plugin').commit()

        when:
        def run = devstack('stack', "enable_plugin foo $foo.url")

        then:
        run.exitCode == 2
        run.err.contains("plugin foo: ${clone('foo')} has no devstack/plugin.groovy")
        probed() == []
    }

    def "a plugin that fails to compile is reported with the file and line inside the clone, before anything runs"() {
        given:
        def foo = repo('foo').file('devstack/plugin.groovy', "def ok = 1\n\nif (\$1 == {\n").commit()

        when:
        def run = devstack('stack', "enable_plugin foo $foo.url")

        then:
        run.exitCode == 2
        run.err =~ /${java.util.regex.Pattern.quote(clone('foo').resolve('devstack/plugin.groovy').toString())}:\d+:\d+: /
        probed() == []
    }

    def "a plugin that fails at run time is reported with the file and line inside the clone"() {
        given:
        def foo = repo('foo').file('devstack/plugin.groovy', "\nif (\$1 == 'stack' && \$2 == 'install') {\n  die 'broken'\n}\n")
                .commit()

        when:
        def run = devstack('stack', "enable_plugin foo $foo.url")

        then:
        run.exitCode == 1
        run.err.contains("stack install in ${clone('foo')}/devstack/plugin.groovy:3: broken")
    }

    def "a clone directory that is not a git repository is never deleted without RECLONE=True"() {
        given:
        def foo = repo('foo').probePlugin('foo').commit()
        Files.createDirectories(clone('foo'))
        Files.writeString(clone('foo').resolve('precious.txt'), 'keep me')

        when:
        def run = devstack('stack', "enable_plugin foo $foo.url")

        then:
        run.exitCode == 2
        run.err.contains("plugin foo: ${clone('foo')} exists but is not a git repository")
        Files.readString(clone('foo').resolve('precious.txt')) == 'keep me'
        probed() == []

        when:
        def replaced = devstack('stack', "RECLONE=True\nenable_plugin foo $foo.url")

        then:
        replaced.exitCode == 0
        replaced.err.contains('RECLONE=True: removing')
        !Files.exists(clone('foo').resolve('precious.txt'))
        probed().contains('foo@v1 stack|install')
    }

    def "URLs, refs and names that git could misread are refused before anything runs: #why"() {
        when:
        def run = devstack('stack', line)

        then:
        run.exitCode == 2
        run.err.contains(message)
        !Files.exists(tree.dest)

        where:
        why                     | line                                                          | message
        'a ref starting with -' | 'enable_plugin foo file:///x/foo.git --upload-pack=touch'      | "'--upload-pack=touch' is not a valid git ref"
        'a refspec'             | 'enable_plugin foo file:///x/foo.git master:evil'              | "'master:evil' is not a valid git ref"
        'a URL starting with -' | 'enable_plugin foo --upload-pack=touch'                        | "'--upload-pack=touch' is not a git URL"
        'a remote helper'       | "enable_plugin foo 'ext::sh -c touch% /tmp/x'"                 | 'is not a git URL'
        'a name with a slash'   | 'enable_plugin ../evil file:///x/foo.git'                      | "'../evil' is not a plugin name"
    }

    def "enabling a plugin twice is an error naming both lines"() {
        when:
        def run = devstack('stack', "enable_plugin foo file:///x/a.git\nenable_plugin foo file:///x/b.git")

        then:
        run.exitCode == 2
        run.err =~ /local\.conf:\d+: plugin foo is enabled twice \(first at local\.conf:\d+\)/
    }

    def "a VIRT_DRIVER set by a plugin's override-defaults picks the hypervisor plugin, as DevStack's order does"() {
        given:
        tree.probeHypervisor('fake').probeHypervisor('other')
        def plugin = repo('virt').file('devstack/override-defaults.groovy', "VIRT_DRIVER = 'other'\n")
                .file('devstack/plugin.groovy', '// nothing at the phases\n').commit()
        tree.write('nova_plugins/hypervisor-other.groovy',
                Files.readString(tree.root.resolve('nova_plugins/hypervisor-other.groovy')).replace('hypervisor ', 'other '))

        when:
        def run = devstack('stack', "ENABLED_SERVICES=n-cpu\nVIRT_DRIVER=fake\nenable_plugin virt $plugin.url")

        then:
        run.exitCode == 0
        probed().findAll { it.startsWith('other ') || it.startsWith('hypervisor ') } ==
                ['other loaded', 'other install_nova_hypervisor', 'other configure_nova_hypervisor',
                 'other start_nova_hypervisor']
    }

    def "the clone happens under the run's lock and its output is in the run's log"() {
        given:
        def foo = fullProbe('foo')

        when:
        def run = devstack('stack', "enable_plugin foo $foo.url")
        def log = Files.readString(tree.dest.resolve('logs/stack.sh.log'))

        then:
        run.exitCode == 0
        log.readLines().any { it.contains('git') && it.contains(' clone ') && it.contains(foo.url) }
        log.indexOf('Fetching DevStack plugins') > log.indexOf('stack.sh log ')
    }
}
