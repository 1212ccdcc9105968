package devstack.external

import java.nio.file.Files
import java.nio.file.Path

/**
 * A plugin's git repository for specs: a work tree where files are written and committed, pushed to a bare
 * repository that the host clones from with a file:// URL. The real git CLI, no network.
 */
class PluginRepo {
    final Path work
    final Path bare

    PluginRepo(Path parent, String name) {
        work = parent.resolve("work/$name")
        bare = parent.resolve("remotes/${name}.git")
        Files.createDirectories(work)
        Files.createDirectories(bare)
        git(bare, 'init', '--quiet', '--bare')
        git(work, 'init', '--quiet')
        git(work, 'remote', 'add', 'origin', bare.toString())
    }

    String getUrl() { "file://$bare" }

    /** Writes a file of the work tree. */
    PluginRepo file(String relative, String text) {
        Path file = work.resolve(relative)
        Files.createDirectories(file.parent)
        Files.writeString(file, text)
        this
    }

    /** A plugin.groovy that records every call as {@code NAME@VERSION $1|$2} in PROBE_LOG. */
    PluginRepo probePlugin(String name, String version = 'v1') {
        file('devstack/plugin.groovy', "new File(PROBE_LOG) << \"$name@$version \${\$1}|\${\$2}\\n\"\n")
    }

    /** Commits everything and pushes the current branch (master unless {@link #checkout} said otherwise). */
    PluginRepo commit(String message = 'change') {
        git(work, 'add', '-A')
        git(work, 'commit', '--quiet', '--allow-empty', '-m', message)
        git(work, 'push', '--quiet', 'origin', 'HEAD')
        this
    }

    /** Switches the work tree to a (new) branch; the next commit pushes it. */
    PluginRepo checkout(String branch, boolean create = true) {
        create ? git(work, 'checkout', '--quiet', '-b', branch) : git(work, 'checkout', '--quiet', branch)
        this
    }

    /** An annotated tag at HEAD, pushed. */
    PluginRepo tag(String name) {
        git(work, 'tag', '-a', name, '-m', name)
        git(work, 'push', '--quiet', 'origin', name)
        this
    }

    /** Runs git with a fixed identity and default branch, failing the spec if git fails; returns stdout. */
    static String git(Path dir, String... args) {
        List<String> argv = ['git', '-c', 'user.name=Spec', '-c', 'user.email=spec@example.org',
                             '-c', 'init.defaultBranch=master', '-c', 'commit.gpgsign=false',
                             '-c', 'tag.gpgsign=false', '-C', dir.toString()] + args.toList()
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start()
        String output = process.inputStream.text
        assert process.exitCode() == 0: "${argv.join(' ')} failed:\n$output"
        output.trim()
    }
}
