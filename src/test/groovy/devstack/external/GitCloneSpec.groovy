package devstack.external

import devstack.DevstackException
import devstack.config.ConfigurationException
import devstack.config.Localrc
import devstack.config.Settings
import devstack.console.Console
import devstack.system.GitClone
import devstack.system.Machine
import devstack.system.RealMachine
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import java.util.function.Consumer

/** git_clone's rules (reference §2.5), called directly: validation, outcomes, GIT_DEPTH, GIT_TIMEOUT and retries. */
class GitCloneSpec extends Specification {
    @TempDir
    Path dir

    StringWriter out = new StringWriter()
    StringWriter err = new StringWriter()
    Console console = new Console(new PrintWriter(out), new PrintWriter(err))
    List<Long> pauses = []

    /** git_clone as a run calls it, with the rules that the settings {@code env} give. */
    Cloner gitClone(Map<String, String> env = [:], String git = 'git') {
        Files.createDirectories(dir.resolve('top'))
        Settings settings = Settings.load(dir.resolve('top'), env, { } as Consumer<String>,
                { String c, Map e -> '' } as Localrc.CommandSubstitution)
        def machine = RealMachine.of(console)
        new Cloner(git: new GitClone(machine.commands(), machine.files(), console, git,
                { long ms -> pauses << ms } as GitClone.Pause),
                options: Machine.GitOptions.of(settings.&get, settings.topDir()))
    }

    static class Cloner {
        GitClone git
        Machine.GitOptions options

        GitClone.Outcome clone(String who, String url, Path dest, String ref) {
            git.clone(who, url, dest, ref, options)
        }
    }

    PluginRepo repo() {
        new PluginRepo(dir, 'foo').probePlugin('foo').commit()
    }

    /**
     * A git whose first {@code failures} calls end with timeout(1)'s code for a call it killed (124), at once, then
     * the real git: retries are shown without a deadline that real work (a clone on a busy machine) could miss.
     */
    Path timedOutGit(int failures) {
        Path script = dir.resolve('timed-out-git')
        Files.writeString(script, """#!/bin/sh
count=\$(cat '$dir/calls' 2>/dev/null || echo 0)
count=\$((count + 1))
echo \$count > '$dir/calls'
if [ \$count -le $failures ]; then exit 124; fi
exec git "\$@"
""")
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString('rwxr-xr-x'))
        script
    }

    /** A git that sleeps (and so times out) on its first {@code failures} calls, then is the real git. */
    Path slowGit(int failures) {
        Path script = dir.resolve('slow-git')
        Files.writeString(script, """#!/bin/sh
count=\$(cat '$dir/calls' 2>/dev/null || echo 0)
count=\$((count + 1))
echo \$count > '$dir/calls'
if [ \$count -le $failures ]; then exec sleep 5; fi
exec git "\$@"
""")
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString('rwxr-xr-x'))
        script
    }

    def "a fresh clone, then the existing clone left alone, then a reclone"() {
        given:
        def foo = repo()
        Path dest = dir.resolve('dest/foo')

        expect:
        gitClone().clone('git_clone', foo.url, dest, 'master') == GitClone.Outcome.CLONED
        gitClone().clone('git_clone', foo.url, dest, 'master') == GitClone.Outcome.EXISTING
        gitClone([RECLONE: 'True']).clone('git_clone', foo.url, dest, 'master') == GitClone.Outcome.RECLONED
        Files.exists(dest.resolve('devstack/plugin.groovy'))
    }

    def "a refs/changes ref is fetched again on every run, without RECLONE, as DevStack does"() {
        given: 'two patchsets of one change'
        def foo = repo()
        String first = PluginRepo.git(foo.work, 'rev-parse', 'HEAD')
        PluginRepo.git(foo.work, 'push', '--quiet', 'origin', 'HEAD:refs/changes/01/1/1')
        foo.file('second.txt', 'patchset 2').commit('patchset 2')
        String second = PluginRepo.git(foo.work, 'rev-parse', 'HEAD')
        PluginRepo.git(foo.work, 'push', '--quiet', 'origin', 'HEAD:refs/changes/01/1/2')
        Path dest = dir.resolve('dest/foo')

        when:
        gitClone().clone('git_clone', foo.url, dest, 'refs/changes/01/1/1')
        String atFirst = PluginRepo.git(dest, 'rev-parse', 'HEAD')
        gitClone().clone('git_clone', foo.url, dest, 'refs/changes/01/1/2')
        String atSecond = PluginRepo.git(dest, 'rev-parse', 'HEAD')

        then:
        atFirst == first
        atSecond == second
    }

    def "a reclone of a tag that moved upstream moves the local tag too"() {
        given:
        def foo = repo().tag('v1')
        Path dest = dir.resolve('dest/foo')
        gitClone().clone('git_clone', foo.url, dest, 'v1')
        foo.file('later.txt', 'later').commit('later')
        PluginRepo.git(foo.work, 'tag', '-f', '-a', 'v1', '-m', 'moved')
        PluginRepo.git(foo.work, 'push', '--quiet', '--force', 'origin', 'v1')
        String moved = PluginRepo.git(foo.work, 'rev-parse', 'HEAD')

        when:
        gitClone([RECLONE: 'True']).clone('git_clone', foo.url, dest, 'v1')

        then:
        PluginRepo.git(dest, 'rev-parse', 'HEAD') == moved
        PluginRepo.git(dest, 'rev-parse', 'v1^{commit}') == moved
    }

    def "an empty directory counts as missing and is cloned into"() {
        given:
        def foo = repo()
        Path dest = Files.createDirectories(dir.resolve('dest/foo'))

        expect:
        gitClone().clone('git_clone', foo.url, dest, 'master') == GitClone.Outcome.CLONED
        Files.exists(dest.resolve('.git'))
    }

    def "a network call that times out is tried again after a pause, up to three tries"() {
        given: 'a git whose first two calls end as timeout(1) ends a call it killed, and a timeout no real git reaches'
        def foo = repo()
        Path dest = dir.resolve('dest/foo')
        def git = gitClone([GIT_TIMEOUT: '600'], timedOutGit(2).toString())

        when:
        def outcome = git.clone('plugin foo', foo.url, dest, 'master')

        then:
        outcome == GitClone.Outcome.CLONED
        Files.exists(dest.resolve('devstack/plugin.groovy'))
        pauses == [5000L, 5000L]
        err.toString().readLines().findAll { it.contains('timeout') } == [
                "[WARNING] plugin foo: timeout 1 for git call: [git clone --no-checkout -- $foo.url $dest]".toString(),
                "[WARNING] plugin foo: timeout 2 for git call: [git clone --no-checkout -- $foo.url $dest]".toString()]
    }

    def "the third timeout stops the run with a message naming the git call and GIT_TIMEOUT"() {
        given:
        def foo = repo()
        Path dest = dir.resolve('dest/foo')

        when:
        gitClone([GIT_TIMEOUT: '0.2'], slowGit(99).toString()).clone('plugin foo', foo.url, dest, 'master')

        then:
        DevstackException e = thrown()
        e.exitCode() == DevstackException.FAILED
        e.message == "plugin foo: git timed out 3 times (GIT_TIMEOUT=0.2): git clone --no-checkout -- $foo.url $dest"
        pauses.size() == 2
        Files.readString(dir.resolve('calls')).trim() == '3'
        !Files.exists(dest)
    }

    def "GIT_TIMEOUT=0 (the default) means no timeout: a slow call is waited for, not retried"() {
        given:
        def foo = repo()
        Path dest = dir.resolve('dest/foo')
        Path script = dir.resolve('slow-once')
        Files.writeString(script, "#!/bin/sh\nsleep 0.5\nexec git \"\$@\"\n")
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString('rwxr-xr-x'))

        expect:
        gitClone([:], script.toString()).clone('plugin foo', foo.url, dest, 'master') == GitClone.Outcome.CLONED
        pauses == []
    }

    def "a bad #name is a configuration error"() {
        when:
        gitClone([(name): value]).clone('plugin foo', repo().url, dir.resolve('dest/foo'), 'master')

        then:
        ConfigurationException e = thrown()
        e.message.startsWith("$name=$value is not a number")

        where:
        name          | value
        'GIT_DEPTH'   | 'deep'
        'GIT_DEPTH'   | '-1'
        'GIT_TIMEOUT' | 'soon'
        'GIT_TIMEOUT' | '-5'
    }

    def "remote #remote is #verdict"() {
        expect:
        verdict(() -> GitClone.validateRemote('plugin foo', remote)) == verdict

        where:
        remote                                         | verdict
        'https://opendev.org/openstack/heat'           | 'accepted'
        'http://example.org/x.git'                     | 'accepted'
        'git://git.openstack.org/openstack/nova'       | 'accepted'
        'ssh://git@example.org:29418/foo.git'          | 'accepted'
        'file:///srv/git/foo.git'                      | 'accepted'
        'git@github.com:openstack/heat.git'            | 'accepted'
        '/srv/git/foo.git'                             | 'accepted'
        '--upload-pack=touch /tmp/x'                   | 'refused'
        '-u'                                           | 'refused'
        'ext::sh -c touch% /tmp/pwned'                 | 'refused'
        'fd::17'                                       | 'refused'
        'https://example.org/x::y'                     | 'refused'
        ''                                             | 'refused'
        'foo.git'                                      | 'refused'
        'https://example.org/a\nb'                     | 'refused'
    }

    def "ref #ref is #verdict"() {
        expect:
        verdict(() -> GitClone.validateRef('plugin foo', ref)) == verdict

        where:
        ref                         | verdict
        'master'                    | 'accepted'
        'stable/2024.1'             | 'accepted'
        '1.0.0'                     | 'accepted'
        'refs/changes/45/12345/3'   | 'accepted'
        '3f2a9c1'                   | 'accepted'
        '-b'                        | 'refused'
        '--upload-pack=x'           | 'refused'
        '+master'                   | 'refused'
        'master:evil'               | 'refused'
        'a..b'                      | 'refused'
        'a b'                       | 'refused'
        'HEAD@{1}'                  | 'refused'
        'x.lock'                    | 'refused'
        ''                          | 'refused'
    }

    private static String verdict(Runnable validation) {
        try {
            validation.run()
            'accepted'
        } catch (ConfigurationException e) {
            assert e.message.startsWith('plugin foo: ')
            'refused'
        }
    }
}
