package devstack.scaffold

import devstack.testkit.Cli
import spock.lang.Requires
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * The plugins new-plugin writes work as generated: their own specs pass, run as Maven would run them (a JVM of
 * their own, in the tree), and fail once the plugin does something else; an external plugin, committed, is
 * brought in by enable_plugin.
 */
class ScaffoldedPluginsSpec extends Specification {
    @TempDir
    Path tree

    def "the generated hook and hypervisor specs pass as generated, and fail when the hook installs another package"() {
        given:
        assert Cli.run(tree, 'new-plugin', 'my-svc').exitCode == 0
        assert Cli.run(tree, 'new-plugin', '--hypervisor', 'hv').exitCode == 0
        def specs = ['test/my-svc/MySvcHookSpec.groovy', 'test/hv/HvHypervisorSpec.groovy'] as String[]

        when:
        def generated = GeneratedSpecs.run(tree, specs)

        then:
        generated.exit == 0
        generated.output =~ /tests: \d+ succeeded, 0 failed/

        when: 'the library also installs a package'
        Path lib = tree.resolve('lib/my-svc.groovy')
        Files.writeString(lib, Files.readString(lib).replace('def install_my_svc() {\n',
                "def install_my_svc() {\n    install_package 'cowsay'\n"))
        def broken = GeneratedSpecs.run(tree, specs[0])

        then:
        broken.exit == 1
        broken.output.contains('installs nothing itself')
        broken.output.contains('cowsay')
        broken.output =~ /tests: \d+ succeeded, [1-9]\d* failed/
    }

    def "in this repository's layout (in the shipped plugins' package) a generated spec passes too"() {
        given:
        Files.copy(Path.of('pom.xml'), tree.resolve('pom.xml'))
        assert Cli.run(tree, 'new-plugin', '--hypervisor', 'hv').exitCode == 0

        when:
        def generated = GeneratedSpecs.run(tree, 'src/test/groovy/devstack/shipped/HvHypervisorSpec.groovy')

        then:
        generated.exit == 0
        generated.output =~ /tests: \d+ succeeded, 0 failed/
    }

    @Requires({ Files.isExecutable(Path.of('/usr/bin/git')) })
    def "an external plugin, committed, is brought in by enable_plugin: a dry run of stack shows what it would do"() {
        given:
        Path repo = tree.resolve('my-svc')
        assert Cli.runRaw('new-plugin', '--external', repo.toString(), 'my-svc').exitCode == 0
        git(repo, 'init', '--quiet', '-b', 'main')
        git(repo, 'add', '-A')
        git(repo, 'commit', '--quiet', '-m', 'my-svc: a new DevStack plugin')
        Path top = Files.createDirectories(tree.resolve('top'))
        Path dest = tree.resolve('dest')
        Files.writeString(top.resolve('local.conf'), """[[local|localrc]]
DEST=$dest
ENABLED_SERVICES=
enable_plugin my-svc file://$repo main
""")

        when:
        def run = Cli.run(top, 'stack', '--dry-run')

        then:
        run.exitCode == 0
        run.out.contains("(with its variables: mkdir -p \"$dest/data/my-svc\")")
        run.out.contains("+++ $dest/data/my-svc/my-svc.conf")
        run.out.contains("+data_dir = $dest/data/my-svc")
        run.out =~ /would install packages: .*\bjq\b|already installed: .*\bjq\b/
        !Files.exists(dest)
    }

    private static void git(Path dir, String... args) {
        def command = ['git', '-c', 'user.name=Spec', '-c', 'user.email=spec@example.org'] + args.toList()
        def process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start()
        def output = process.inputStream.text
        assert process.exitCode() == 0: output
    }
}
