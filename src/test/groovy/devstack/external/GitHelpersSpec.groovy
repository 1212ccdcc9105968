package devstack.external

import devstack.testkit.Cli
import devstack.testkit.Tree
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** git_clone and git_clone_by_name as a plugin calls them. */
class GitHelpersSpec extends Specification {
    @TempDir
    Path dir

    Tree tree

    def setup() {
        tree = new Tree(dir.resolve('top'))
    }

    Cli unstackWith(String body, String localrc = '') {
        tree.hook('50-under-test.groovy', "if (\$1 == 'unstack') {\n$body\n}\n")
        tree.localConf("ENABLED_SERVICES=template\n$localrc")
        Cli.run(tree.root, 'unstack')
    }

    def "git_clone clones at a ref into a directory of the plugin's choosing"() {
        given:
        def lib = new PluginRepo(dir, 'lib').file('README', 'one').commit().tag('1.0').file('README', 'two').commit()

        when:
        def run = unstackWith("git_clone '$lib.url', \"\$DEST/mylib\", '1.0'")

        then:
        run.exitCode == 0
        Files.readString(tree.dest.resolve('mylib/README')) == 'one'
    }

    def "git_clone_by_name clones an enabled plugin with its URL and ref into DEST/NAME, even in unstack"() {
        given:
        def foo = new PluginRepo(dir, 'foo').probePlugin('foo').commit()

        when:
        def run = unstackWith("git_clone_by_name 'foo'", "enable_plugin foo $foo.url")

        then:
        run.exitCode == 0
        run.err.contains('[WARNING] plugin foo: skipped')
        Files.exists(tree.dest.resolve('foo/devstack/plugin.groovy'))
    }

    def "git_clone_by_name of a plugin that is not enabled stops the run at the calling line"() {
        when:
        def run = unstackWith("\ngit_clone_by_name 'nope'")

        then:
        run.exitCode == 1
        run.err.contains('extras.d/50-under-test.groovy:3: git_clone_by_name: no plugin named nope is enabled')
    }

    def "git_clone refuses a ref that starts with -, naming the helper"() {
        when:
        def run = unstackWith("git_clone 'file:///x.git', \"\$DEST/x\", '--upload-pack=touch'")

        then: 'unstack goes on after the failed step and ends with exit 1'
        run.exitCode == 1
        run.err.contains("git_clone: '--upload-pack=touch' is not a valid git ref")
        !Files.exists(tree.dest.resolve('x'))
    }
}
