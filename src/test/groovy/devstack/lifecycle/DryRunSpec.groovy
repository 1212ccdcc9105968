package devstack.lifecycle

import devstack.testkit.Cli
import devstack.testkit.Tree
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** --dry-run: every change is printed, nothing is changed. */
class DryRunSpec extends Specification {
    @TempDir
    Path dir

    Tree tree
    Path existing

    def setup() {
        tree = new Tree(dir)
        existing = dir.resolve('etc/svc.conf')
        Files.createDirectories(existing.parent)
        Files.writeString(existing, '[DEFAULT]\ndebug = False\nworkers = 2\n')
        tree.write('nova_plugins/hypervisor-fake.groovy', new File('nova_plugins/hypervisor-fake.groovy').text)
        tree.hook('50-busy.groovy', """
if (\$1 == 'stack' && \$2 == 'install') {
    iniset '$existing', 'DEFAULT', 'debug', 'True'
    iniset '$existing', 'DEFAULT', 'new_option', 'x'
    new File(PROBE_LOG) << "debug seen as \${iniget('$existing', 'DEFAULT', 'debug')}\\n"
    install_package 'no-such-package-devstack'
    sh 'touch $dir/touched'
    err 'an error for error.log'
}""")
        tree.localConf('ENABLED_SERVICES=n-cpu\nVIRT_DRIVER=fake', "[[post-config|$dir/etc/merged.conf]]\n[a]\nb = c\n")
    }

    def "stack --dry-run prints the plan and leaves the machine as it was"() {
        when:
        def run = Cli.run(tree.root, 'stack', '--dry-run')

        then:
        run.exitCode == 0
        Files.readString(existing) == '[DEFAULT]\ndebug = False\nworkers = 2\n'
        !Files.exists(tree.dest)
        !Files.exists(tree.novaConf)
        !Files.exists(dir.resolve('etc/merged.conf'))
        !Files.exists(dir.resolve('touched'))
        run.out.contains("[dry-run] would create directory ${tree.dest}")
        run.out.contains("[dry-run] would change $existing:")
        run.out.contains('-debug = False')
        run.out.contains('+debug = True')
        run.out.contains('+new_option = x')
        run.out.contains("[dry-run] would create ${tree.novaConf}")
        run.out.contains('+compute_driver = fake.FakeDriver')
        run.out.contains("[dry-run] would create $dir/etc/merged.conf")
        run.out.contains("[dry-run] would run: /bin/sh -c touch $dir/touched")
        run.out.contains('Dry run: nothing was changed. The plan:')
        run.out.readLines().last() ==~ /stack\.sh completed in \d+\.\d seconds\./
    }

    def "later steps of a dry run see the planned content of a file"() {
        when:
        Cli.run(tree.root, 'stack', '--dry-run')

        then:
        tree.probed() == ['debug seen as True']
    }

    def "the package manager is asked what is installed, and the install is only printed"() {
        when:
        def run = Cli.run(tree.root, 'stack', '--dry-run')

        then:
        run.exitCode == 0
        run.out.readLines().contains('[dry-run] would install packages: no-such-package-devstack')
    }

    def "clean --dry-run removes nothing"() {
        given:
        assert Cli.run(tree.root, 'stack').exitCode == 1 // the hook's package does not exist: state is left behind
        assert Files.isDirectory(tree.dest.resolve('logs'))

        when:
        def run = Cli.run(tree.root, 'clean', '--dry-run')

        then:
        run.exitCode == 0
        run.out.contains("[dry-run] would remove ${tree.dest.resolve('logs')}")
        Files.isDirectory(tree.dest.resolve('logs'))
        Files.isDirectory(tree.dest.resolve('data'))
    }

    def "a dry run of the shipped default tree succeeds and changes nothing"() {
        given:
        Path project = Path.of('').toAbsolutePath()
        Map<String, String> env = [DEST: dir.resolve('stack').toString(), NOVA_CONF: dir.resolve('nova/nova.conf').toString()]

        when:
        def run = Cli.run(env, project, 'stack', '--dry-run')

        then:
        run.exitCode == 0
        run.out.contains("[dry-run] would start demo: '${dir.resolve('stack/data/demo/demo-service.sh')}'")
        !Files.exists(dir.resolve('stack'))
        !Files.exists(dir.resolve('nova'))
    }

    def "a file changed many times in one phase is shown as one diff, and the summary counts the plan"() {
        given:
        tree.hook('50-busy.groovy', """
if (\$1 == 'stack' && \$2 == 'install') {
    (1..13).each { iniset '$existing', 'DEFAULT', "option_\$it", it }
    install_package 'no-such-package-devstack'
}""")

        when:
        def run = Cli.run(tree.root, 'stack', '--dry-run')

        then:
        run.exitCode == 0
        run.out.readLines().count { it == "[dry-run] would change $existing:".toString() } == 1
        run.out.readLines().count { it.startsWith('@@ ') && it.contains('+') } >= 1
        (1..13).every { run.out.contains("+option_$it = $it") }
        run.out.readLines().any { it ==~ /  packages to install +1  no-such-package-devstack/ }
        run.out.readLines().any { it ==~ /  files to change +1  .*svc\.conf/ }
        Files.readString(existing) == '[DEFAULT]\ndebug = False\nworkers = 2\n'
    }

    def "--plan-format json writes the plan as JSON on stdout, everything else on stderr"() {
        when:
        def run = Cli.run(tree.root, 'stack', '--dry-run', '--plan-format', 'json')
        def plan = new groovy.json.JsonSlurper().parseText(run.out)

        then:
        run.exitCode == 0
        plan.format == 1
        plan.command == 'stack'
        plan.completed == true
        plan.summary.packages_to_install == ['no-such-package-devstack']
        plan.summary.files_to_change == [existing.toString()]
        plan.summary.files_to_create.contains(tree.novaConf.toString())
        plan.summary.commands_to_run == ["/bin/sh -c touch $dir/touched".toString()]
        plan.effects.find { it.kind == 'install' }.phase == 'stack install'
        plan.files.find { it.path == existing.toString() }.diff.contains('+debug = True')
        run.err.contains('[dry-run] would install packages: no-such-package-devstack')
    }

    def "two plans of the same tree are the same JSON, so a CI job can diff them"() {
        expect:
        Cli.run(tree.root, 'stack', '--dry-run', '--plan-format', 'json').out ==
                Cli.run(tree.root, 'stack', '--dry-run', '--plan-format', 'json').out
    }

    def "--plan-format json without --dry-run is bad usage"() {
        when:
        def run = Cli.run(tree.root, 'stack', '--plan-format', 'json')

        then:
        run.exitCode == 2
        run.err.contains('--plan-format json needs --dry-run')
        !Files.exists(tree.dest)
    }
}
