package devstack.script

import devstack.plugintest.PluginTest
import devstack.testkit.Cli
import devstack.testkit.Tree
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * The commands whose failure is the plugin's to judge (try_sh, try_sudo), the read-only questions (succeeds,
 * query), and the proxy settings every command sees.
 */
class CommandHelpersSpec extends Specification {
    @TempDir
    Path dir

    Tree tree

    def setup() {
        tree = new Tree(dir)
    }

    private Cli unstackWith(String body, String localrc = 'ENABLED_SERVICES=') {
        tree.unstackWith(body, localrc)
    }

    def "try_sh returns the exit code and output of a command that fails, and the run goes on"() {
        when:
        def run = unstackWith('''
def failed = try_sh('echo out; echo err >&2; exit 3')
new File(PROBE_LOG) << "${failed.exitCode}|${failed.output}|${failed.failed}|${failed ? 'true' : 'false'}\\n"
def root = try_sudo('id -u')
new File(PROBE_LOG) << "${root.exitCode}|${root.output}|${root.succeeded}|${root ? 'true' : 'false'}\\n"
if (!try_sh('test -e /nonexistent-devstack')) { new File(PROBE_LOG) << 'as in bash: if ! cmd\\n' }
''')

        then:
        run.exitCode == 0
        tree.probed() == ['3|out|true|false', '0|0|true|true', 'as in bash: if ! cmd']
    }

    def "try_sh without a command stops the run"() {
        when:
        def run = unstackWith("try_sh '  '")

        then:
        run.exitCode == 1
        run.err.contains('try_sh: a command is required')
    }

    def "a dry run plans what try_sh would run, and answers success; succeeds and query run, being questions"() {
        given:
        tree.hook('50-try.groovy', """
if (\$1 == 'stack' && \$2 == 'install') {
    def made = try_sh('touch $dir/made')
    echo_summary "try_sh said \${made.exitCode} [\${made.output}]"
    echo_summary "questions: \${succeeds('test -d /')} \${succeeds('test -d /nonexistent-devstack')} [\${query('echo hi; exit 4')}]"
}""")
        tree.localConf('ENABLED_SERVICES=')

        when:
        def run = Cli.run(tree.root, 'stack', '--dry-run')

        then:
        run.exitCode == 0
        run.out.contains("[dry-run] would run: /bin/sh -c touch $dir/made\n")
        run.out.contains('try_sh said 0 []')
        run.out.contains('questions: true false [hi]')
        !run.out.contains('would run: /bin/sh -c test -d')
        !run.out.contains('would run: /bin/sh -c echo hi')
        !Files.exists(dir.resolve('made'))
    }

    def "the test kit records try_sh and answers it as the test says"() {
        given:
        Path hook = dir.resolve('50-kvm.groovy')
        Files.writeString(hook, '''
if ($1 == 'stack' && $2 == 'install') {
    if (!try_sudo('modprobe kvm')) {
        warn 'no kvm module: falling back to qemu'
    }
}''')

        when:
        def run = PluginTest.hook(hook).asUser().answerChange('modprobe kvm', 1, 'modprobe: FATAL: Module kvm not found').stack()

        then:
        run.succeeded()
        run.commands() == ['sudo -E /bin/sh -c modprobe kvm']
        run.warnings() == ['extras.d/50-kvm.groovy:4 no kvm module: falling back to qemu']
    }

    def "the proxy settings read as '' when unset, as the other settings do"() {
        when:
        def run = unstackWith('new File(PROBE_LOG) << "[$http_proxy][$https_proxy][$no_proxy]\\n"')

        then:
        run.exitCode == 0
        tree.probed() == ['[][][]']
    }

    def "proxy settings from local.conf reach the commands a plugin runs, as stack.sh exports them"() {
        when:
        def run = unstackWith('''
new File(PROBE_LOG) << "plugin: $no_proxy\\n"
new File(PROBE_LOG) << sh('echo "sh: $no_proxy $http_proxy"') + '\\n'
''', 'ENABLED_SERVICES=\nno_proxy=localhost,.example.org\nhttp_proxy=http://proxy.example.org:3128')

        then:
        run.exitCode == 0
        tree.probed() == ['plugin: localhost,.example.org', 'sh: localhost,.example.org http://proxy.example.org:3128']
    }
}
