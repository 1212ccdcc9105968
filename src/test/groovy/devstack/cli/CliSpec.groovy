package devstack.cli

import devstack.testkit.Cli
import devstack.testkit.Tree
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.time.Instant

/** The command line: usage, exit codes, and one clear error for each kind of bad input. */
class CliSpec extends Specification {
    @TempDir
    Path dir

    Tree tree

    def setup() {
        tree = new Tree(dir).probeHook()
        tree.localConf('ENABLED_SERVICES=template')
    }

    def "help lists the three commands and exits 0"() {
        when:
        def run = Cli.runRaw('--help')

        then:
        run.exitCode == 0
        ['stack', 'unstack', 'clean'].every { run.out.contains(it) }
    }

    def "--version names the program"() {
        when:
        def run = Cli.runRaw('--version')

        then:
        run.exitCode == 0
        run.out.startsWith('devstack ')
    }

    def "--version answers on every command: #argv"() {
        when:
        def run = Cli.runRaw(*argv)

        then:
        run.exitCode == 0
        run.out.readLines().size() == 2
        run.out.readLines()[0] ==~ /devstack \d+\.\d+.*/
        run.out.readLines()[1] == "Java ${System.getProperty('java.version')}, Groovy ${GroovySystem.version}"

        where:
        argv << [['--version'], ['stack', '--version'], ['unstack', '--version'], ['clean', '--version'],
                 ['plugins', '--version'], ['stack', '-V']]
    }

    def "the completed line counts the whole run, from the start of the program"() {
        given:
        def started = Instant.now().minusSeconds(42)

        when:
        def run = Cli.runStartedAt(started, [:], command, '--top-dir', tree.root.toString())

        then:
        run.exitCode == 0
        def seconds = (run.out.readLines().last() =~ /^$script completed in (\d+\.\d) seconds\.$/)[0][1] as BigDecimal
        seconds >= 42.0
        seconds < 42.0 + 600

        where:
        command   | script
        'stack'   | 'stack.sh'
        'unstack' | 'unstack.sh'
        'clean'   | 'clean.sh'
    }

    def "bad usage exits 2 with a message and the usage"() {
        when:
        def run = Cli.runRaw(*argv)

        then:
        run.exitCode == 2
        run.err.contains(message)
        run.err.contains(guidance)

        where:
        argv                          | message                                    | guidance
        []                            | 'Missing subcommand'                       | 'Usage: devstack'
        ['restack']                   | "Unmatched argument at index 0: 'restack'" | 'Did you mean: devstack stack'
        ['stack', '--frobnicate']     | "Unknown option: '--frobnicate'"           | 'Usage: devstack stack'
        ['unstack', 'extra']          | "Unmatched argument"                       | 'Usage: devstack unstack'

    }

    def "a --top-dir that does not exist exits 2 and names it"() {
        when:
        def run = Cli.run(dir.resolve('nowhere'), 'stack')

        then:
        run.exitCode == 2
        run.err.contains('--top-dir')
        run.err.contains('nowhere: no such directory')
    }

    def "an empty tree is fine: nothing to run is not an error"() {
        given:
        Path empty = Files.createDirectory(dir.resolve('empty'))

        when:
        def run = Cli.run([DEST: dir.resolve('dest').toString(), ENABLED_SERVICES: ''], empty, 'unstack')

        then:
        run.exitCode == 0
        run.out.contains('unstack.sh completed')
    }

    def "a file in extras.d that is not named NN-name.groovy is ignored with one warning"() {
        given:
        tree.hook(name, 'throw new IllegalStateException("must not run")')

        when:
        def run = Cli.run(tree.root, 'unstack')

        then:
        run.exitCode == 0
        run.err.readLines().count { it.contains("extras.d/$name: ignored") } == 1
        run.err.contains(advice)

        where:
        name               | advice
        'probe.groovy'     | 'a hook is named NN-name.groovy'
        '5-x.groovy'       | 'a hook is named NN-name.groovy'
        '60-old.sh'        | 'port it to extras.d/60-old.groovy'
    }

    def "README files in extras.d are documentation, not misnamed hooks"() {
        given:
        tree.hook('README.md', '# hooks')

        when:
        def run = Cli.run(tree.root, 'unstack')

        then:
        run.exitCode == 0
        !run.err.contains('README.md')
    }

    def "a syntax error in the last hook stops the run before the first hook's source phase"() {
        given:
        tree.hook('99-broken.groovy', 'if ($1 == "source") {\n    echo_summary "x"\n  }}\n')

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 2
        run.err =~ /extras\.d\/99-broken\.groovy:3:\d+: /
        tree.probed().isEmpty()
        !Files.exists(tree.dest)
    }

    def "every syntax error of the tree is reported at once"() {
        given:
        tree.hook('60-a.groovy', 'def x( {')
        tree.hook('70-b.groovy', 'foo(')

        when:
        def run = Cli.run(tree.root, 'unstack')

        then:
        run.exitCode == 2
        run.err.contains('extras.d/60-a.groovy:1:')
        run.err.contains('extras.d/70-b.groovy:1:')
    }

    def "an exception in a hook exits 1 naming the phase, the file and line, and the log"() {
        given:
        tree.hook('60-boom.groovy', '''
if ($1 == 'stack' && $2 == 'install') {
    throw new IllegalStateException('the widget is missing')
}''')

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 1
        run.err.contains('[ERROR] stack install in extras.d/60-boom.groovy:3: the widget is missing')
        run.err =~ /stack\.sh failed: full log in .*stack\.sh\.log\.\d{4}-\d\d-\d\d-\d{6}/
        tree.probed().last() == 'hook stack install'
        Files.readString(tree.dest.resolve('logs/stack.sh.log')).contains('the widget is missing')
    }

    def "die stops the run with the plugin's message and location"() {
        given:
        tree.hook('60-die.groovy', "if (\$1 == 'unstack') {\n    die 'cannot go on'\n}")

        when:
        def run = Cli.run(tree.root, 'unstack')

        then:
        run.exitCode == 1
        run.err.contains('unstack in extras.d/60-die.groovy:2: cannot go on')
    }

    def "a misspelt lower-case name is an error, an unset upper-case setting reads as empty"() {
        given:
        tree.hook('60-names.groovy', '''
new File(PROBE_LOG) << "unset=[${NO_SUCH_SETTING}]\\n"
if ($1 == 'unstack') {
    println misspelt_local
}''')

        when:
        def run = Cli.run(tree.root, 'unstack')

        then:
        run.exitCode == 1
        tree.probed().contains('unset=[]')
        run.err.contains('extras.d/60-names.groovy:4: no variable named \'misspelt_local\'')
    }

    def "a call to a function nobody defines is found before anything runs, naming it"() {
        given:
        tree.hook('60-call.groovy', "install_tempalte()")

        when:
        def run = Cli.run(tree.root, 'unstack')

        then:
        run.exitCode == 2
        run.err.contains('extras.d/60-call.groovy:1:1: no helper or function named install_tempalte')
        tree.probed().isEmpty()
    }

    def "a call the check was told to leave alone still fails when it runs, naming the function"() {
        given:
        tree.hook('60-call.groovy', "install_tempalte()  // devstack:dynamic")

        when:
        def run = Cli.run(tree.root, 'unstack')

        then:
        run.exitCode == 1
        run.err.contains('source in extras.d/60-call.groovy:1: no helper or function named install_tempalte')
    }

    def "a hypervisor plugin missing functions is rejected before anything runs, naming them"() {
        given:
        tree.hypervisor('half', 'def install_nova_hypervisor() {}\ndef configure_nova_hypervisor() {}')
        tree.localConf('VIRT_DRIVER=half\nENABLED_SERVICES=n-cpu')

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 2
        run.err.contains('nova_plugins/hypervisor-half.groovy')
        run.err.contains('missing: cleanup_nova_hypervisor, start_nova_hypervisor, stop_nova_hypervisor')
        tree.probed().isEmpty()
    }

    def "a VIRT_DRIVER without a plugin while n-cpu is enabled lists the drivers there are"() {
        given:
        tree.probeHypervisor('alpha').probeHypervisor('beta')
        tree.localConf('VIRT_DRIVER=libvirt\nENABLED_SERVICES=n-cpu')

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 2
        run.err.contains('VIRT_DRIVER=libvirt has no hypervisor plugin')
        run.err.contains('alpha, beta')
        tree.probed().isEmpty()
    }

    def "a local.conf line that cannot be honoured exits 2 naming the line"() {
        given:
        tree.write('local.conf', "[[local|localrc]]\nDEST=$dir/dest\nrm -rf /tmp/x\n")

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 2
        run.err.contains("local.conf:3: cannot honour 'rm -rf /tmp/x'")
        tree.probed().isEmpty()
    }

    def "an invalid package name is rejected before the package manager is called"() {
        given:
        tree.hook('60-pkg.groovy', "if (\$1 == 'unstack') { install_package 'cowsay; touch $dir/pwned' }")

        when:
        def run = Cli.run(tree.root, 'unstack')

        then:
        run.exitCode == 1
        run.err.contains("'cowsay;' is not a valid package name")
        !Files.exists(dir.resolve('pwned'))
    }

    def "an ini file that cannot be written fails the run and names the file"() {
        given:
        Files.writeString(dir.resolve('blocker'), 'a regular file')
        tree.hook('60-ini.groovy', "if (\$1 == 'unstack') { iniset '$dir/blocker/x.conf', 'DEFAULT', 'a', 'b' }")

        when:
        def run = Cli.run(tree.root, 'unstack')

        then:
        run.exitCode == 1
        run.err.contains('extras.d/60-ini.groovy:1')
        run.err.contains("$dir/blocker")
        Files.readString(dir.resolve('blocker')) == 'a regular file'
    }

    def "a local.conf error on a secret's line never shows the secret: #line"() {
        given:
        tree.write('local.conf', "[[local|localrc]]\nDEST=$dir/dest\n$line\n")

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 2
        run.err.contains('local.conf:3:')
        run.err.contains('SERVICE_TOKEN=******')
        !run.err.contains('tok3n')

        where:
        line << ['SERVICE_TOKEN=tok3n tok', 'SERVICE_TOKEN="tok3n', "SERVICE_TOKEN='tok3n"]
    }
}
