package devstack.external

import devstack.testkit.Cli
import devstack.testkit.Tree
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** {@code devstack plugins}: every hook, hypervisor plugin and external plugin, with its state. */
class PluginsCommandSpec extends Specification {
    @TempDir
    Path dir

    Tree tree

    def setup() {
        tree = new Tree(dir.resolve('top')).probeHook('50-probe.groovy').probeHypervisor('probe')
        tree.hypervisor('half', 'def install_nova_hypervisor() {}\n')
    }

    /** The table row of {@code name}, split on runs of blanks. */
    static List<String> row(Cli run, String kind, String name) {
        run.out.readLines().find { it.startsWith(kind + ' ') && it.split(/\s+/)[1] == name }?.split(/\s+/)?.toList()
    }

    def "every hook, hypervisor plugin and external plugin is listed with whether it is enabled and valid"() {
        given:
        def good = new PluginRepo(dir, 'good').probePlugin('good').commit()
        def broken = new PluginRepo(dir, 'broken').file('devstack/plugin.groovy', "\nif (\n").commit()
        def needy = new PluginRepo(dir, 'needy').file('devstack/settings.groovy', "plugin_requires 'needy', 'absent'\n")
                .probePlugin('needy').commit()
        tree.localConf("""VIRT_DRIVER=probe
ENABLED_SERVICES=n-cpu
enable_plugin good $good.url
enable_plugin broken $broken.url
enable_plugin needy $needy.url
enable_plugin later $good.url stable
""")
        ['good', 'broken', 'needy'].each { PluginRepo.git(dir, 'clone', '--quiet', "$dir/remotes/${it}.git", "$tree.dest/$it") }

        when:
        def run = Cli.run(tree.root, 'plugins')

        then:
        run.exitCode == 2
        run.out.readLines().first().split(/\s+/).toList() == ['KIND', 'NAME', 'ENABLED', 'VALID', 'FROM']
        row(run, 'hook', '50-probe') == ['hook', '50-probe', 'yes', 'yes', 'extras.d/50-probe.groovy']
        row(run, 'hypervisor', 'probe') == ['hypervisor', 'probe', 'yes', 'yes', 'nova_plugins/hypervisor-probe.groovy']
        row(run, 'hypervisor', 'half').take(4) == ['hypervisor', 'half', 'no', 'no']
        run.out.contains('missing: cleanup_nova_hypervisor, configure_nova_hypervisor, start_nova_hypervisor, '
                + 'stop_nova_hypervisor')
        row(run, 'external', 'good') == ['external', 'good', 'yes', 'yes', good.url, 'master', '->', "$tree.dest/good"]
        row(run, 'external', 'broken').take(4) == ['external', 'broken', 'yes', 'no']
        run.out =~ /${java.util.regex.Pattern.quote("$tree.dest/broken/devstack/plugin.groovy")}:\d+:\d+: /
        row(run, 'external', 'needy').take(4) == ['external', 'needy', 'yes', 'no']
        run.out.contains("requires plugin absent ($tree.dest/needy/devstack/settings.groovy:1), which is not enabled")
        row(run, 'external', 'later') == ['external', 'later', 'yes', 'unknown', good.url, 'stable', '->',
                                          "$tree.dest/later", '(not', 'cloned)']
        run.err.contains('3 invalid plugins')
        !Files.exists(tree.dest.resolve('later'))
    }

    def "a tree whose plugins are all valid exits 0; a requirement cycle is shown on both plugins"() {
        given:
        tree.write('nova_plugins/hypervisor-half.groovy', new File('nova_plugins/hypervisor-fake.groovy').text)
        def a = new PluginRepo(dir, 'a').file('devstack/settings.groovy', "plugin_requires 'a', 'b'\n").probePlugin('a').commit()
        def b = new PluginRepo(dir, 'b').file('devstack/settings.groovy', "plugin_requires 'b', 'a'\n").probePlugin('b').commit()
        tree.localConf("enable_plugin a $a.url\nenable_plugin b $b.url")

        when:
        def valid = Cli.run(tree.root, 'plugins')

        then:
        valid.exitCode == 0
        row(valid, 'external', 'a').take(4) == ['external', 'a', 'yes', 'unknown']

        when:
        ['a', 'b'].each { PluginRepo.git(dir, 'clone', '--quiet', "$dir/remotes/${it}.git", "$tree.dest/$it") }
        def cycle = Cli.run(tree.root, 'plugins')

        then:
        cycle.exitCode == 2
        cycle.out.contains('plugin_requires cycle: a -> b -> a')
        cycle.out.contains('plugin_requires cycle: b -> a -> b')
    }

    def "plugins and stack judge the same files the same way: #fault"() {
        given:
        tree.write('nova_plugins/hypervisor-half.groovy', new File('nova_plugins/hypervisor-fake.groovy').text)
        def repo = new PluginRepo(dir, 'ext').probePlugin('ext')
        String localrc = 'VIRT_DRIVER=probe\nENABLED_SERVICES=n-cpu'
        if (file.startsWith('ext:')) {
            repo.file(file.substring(4), text)
            localrc += "\nenable_plugin ext $repo.url"
        } else {
            tree.write(file, text)
        }
        repo.commit()
        PluginRepo.git(dir, 'clone', '--quiet', "$dir/remotes/ext.git", "$tree.dest/ext")
        tree.localConf(localrc)

        when:
        def listed = Cli.run(tree.root, 'plugins')
        def stack = Cli.run(tree.root, 'stack')

        then:
        stack.exitCode == 2
        listed.exitCode == 2
        row(listed, kind, name)?.take(4) == [kind, name, enabled, 'no']
        List<String> reported = stack.err.readLines().findAll { !it.startsWith('hint:') && !it.startsWith('stack.sh failed') }
                .collect { it.replaceFirst(/^\[ERROR\] /, '') }
        !reported.isEmpty()
        reported.every { listed.out.contains(it) }
        listed.err.contains('1 invalid plugin: stack would refuse to start')
        tree.probed().isEmpty()

        where:
        fault                                    | file                            | text                       || kind         | name       | enabled
        'a library with a syntax error'          | 'lib/broken.groovy'             | 'def f( {\n'               || 'library'    | 'broken'   | '-'
        'a hook with a syntax error'             | 'extras.d/60-broken.groovy'     | 'if (\n'                   || 'hook'       | '60-broken'| 'yes'
        'a hypervisor plugin missing functions'  | 'nova_plugins/hypervisor-x.groovy' | 'def install_nova_hypervisor() {}\n' || 'hypervisor' | 'x' | 'no'
        'an external plugin library with a syntax error' | 'ext:devstack/lib/a.groovy' | 'def a( {\n'               || 'external'   | 'ext'      | 'yes'
    }

    def "a valid library is listed as such, and a tree of valid plugins still exits 0"() {
        given:
        tree.write('nova_plugins/hypervisor-half.groovy', new File('nova_plugins/hypervisor-fake.groovy').text)
        tree.library('helpers.groovy', 'def helper() { 1 }\n')
        tree.localConf('VIRT_DRIVER=probe\nENABLED_SERVICES=n-cpu')

        when:
        def run = Cli.run(tree.root, 'plugins')

        then:
        run.exitCode == 0
        row(run, 'library', 'helpers') == ['library', 'helpers', '-', 'yes', 'lib/helpers.groovy']
    }

    def "a configuration error is reported like any other command's, exit 2"() {
        given:
        tree.localConf('enable_plugin only-a-name')

        when:
        def run = Cli.run(tree.root, 'plugins')

        then:
        run.exitCode == 2
        run.err.contains('enable_plugin takes NAME URL [REF]')
    }
}
