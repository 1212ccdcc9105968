package devstack.lifecycle

import devstack.external.PluginRepo
import devstack.testkit.Cli
import devstack.testkit.Tree
import groovy.json.JsonSlurper
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermission
import java.nio.file.attribute.PosixFilePermissions

/**
 * Secrets never leak: one masking for every path that prints or stores text, and the files that may still hold
 * one are not readable by others.
 */
class SecretsSpec extends Specification {
    static final String PASSWORD = 'Xk3j9aQ2wPass'
    static final String PEM = '''-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7
Vt2mJaM0lF0W3c5Yg8tR2d1b3lNn6Q7PpXkzz
-----END PRIVATE KEY-----'''
    static final List<String> PEM_BODY = PEM.readLines()[1..2]

    @TempDir
    Path dir

    Tree tree

    def setup() {
        tree = new Tree(dir)
    }

    def cleanup() {
        Cli.run(tree.root, 'unstack')
    }

    private Path logs() {
        tree.dest.resolve('logs')
    }

    private String log() {
        Files.readString(logs().resolve('stack.sh.log'))
    }

    private static Set<PosixFilePermission> others() {
        EnumSet.of(PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_EXECUTE)
    }

    private static String mode(Path file) {
        PosixFilePermissions.toString(Files.getPosixFilePermissions(file))
    }

    /** No secret, and no line of the PEM, in {@code text}. */
    private static boolean clean(String text) {
        !text.contains(PASSWORD) && PEM_BODY.every { !text.contains(it) }
    }

    def "a secret, and each line of a secret PEM, is masked on the console, in the logs, in error.log, in the pid file and in the failure card"() {
        given:
        tree.hook('50-leaky.groovy', """if (\$1 == 'stack' && \$2 == 'install') {
    echo_summary "summary with \$ADMIN_PASSWORD"
    println "the key:\\n\$TLS_SECRET"
    err "error with \$ADMIN_PASSWORD"
    run_process 'svc', "sleep 600 # --password=\$ADMIN_PASSWORD"
    sh 'echo "out \$ADMIN_PASSWORD"; printf "%s\\\\n" "\$TLS_SECRET" >&2'
    sh 'echo "failing with \$ADMIN_PASSWORD" >&2; exit 3'
}""")
        tree.localConf("ENABLED_SERVICES=svc\nVERBOSE=True\nADMIN_PASSWORD=$PASSWORD")

        when:
        def run = Cli.run([TLS_SECRET: PEM], tree.root, 'stack')
        Path pidFile = tree.dest.resolve('status/svc.pid')

        then: 'the run failed where the second sh failed, and said so without the secret'
        run.exitCode == 1
        run.err.contains('[ERROR] stack install in extras.d/50-leaky.groovy:7: command failed with exit code 3')
        run.err.contains('failing with ******')
        clean(run.out)
        clean(run.err)

        and: 'the console shows where secrets were'
        run.out.contains('summary with ******')
        run.out.contains('out ******')
        run.out.readLines().count { it == '******' } >= 4

        and: 'the logs, error.log and the pid file hold none'
        clean(log())
        log().contains('summary with ******')
        clean(Files.readString(logs().resolve('stack.sh.log.summary')))
        clean(Files.readString(logs().resolve('error.log')))
        clean(Files.readString(pidFile))
        Files.readString(pidFile).contains('command=sleep 600 # --password=******')
    }

    def "pid files, run logs, error.log and new service logs are not readable by others"() {
        given:
        tree.hook('50-svc.groovy', """if (\$1 == 'stack' && \$2 == 'install') {
    run_process 'svc', 'sleep 600'
    err 'an error line'
}""")
        tree.localConf('ENABLED_SERVICES=svc')

        when:
        def run = Cli.run(tree.root, 'stack')
        Path realLog = logs().resolve(Files.readSymbolicLink(logs().resolve('stack.sh.log')))

        then:
        run.exitCode == 0
        mode(tree.dest.resolve('status/svc.pid')) == 'rw-------'
        mode(realLog) == 'rw-r-----'
        mode(Path.of("${realLog}.summary")) == 'rw-r-----'
        mode(logs().resolve('error.log')) == 'rw-r-----'
        mode(logs().resolve('svc.log')) == 'rw-r-----'
    }

    def "a short secret is masked where it stands alone and never garbles the words it is part of"() {
        given: 'the password is an ordinary word that also names the program and its directory'
        tree.hook('50-fault.groovy', '''if ($1 == 'stack' && $2 == 'install') {
    echo_summary "connecting with password stack to the db"
    assert ADMIN_PASSWORD.size() > 20
}''')
        tree.localConf('ENABLED_SERVICES=\nADMIN_PASSWORD=stack')

        when:
        def run = Cli.run(tree.root, 'stack')

        then: 'the power assert shows the place, the mask in the diagram, and nothing garbled'
        run.exitCode == 1
        run.err.contains('[ERROR] stack install in extras.d/50-fault.groovy:3: assert ADMIN_PASSWORD.size() > 20')
        run.err.contains('******')
        run.out.contains('connecting with password ****** to the db')
        run.err =~ /stack\.sh failed: full log in .*\/stack\.sh\.log\./
        log().contains('connecting with password ****** to the db')
        log().contains('stack.sh log ')

        and: 'the word itself appears nowhere as a word but in the phase names, the host\'s own'
        [run.err, run.out, log()].every { !(withoutPhases(it) =~ /(?<![\w.\/-])stack(?![\w\/-]|\.\w)/) }
        log().contains('phase stack install')
    }

    private static String withoutPhases(String text) {
        text.replaceAll(/stack (pre-install|install|post-config|extra|test-config)/, '')
    }

    def "a secret too short to hide is named in a warning, without its value"() {
        given:
        tree.localConf('ENABLED_SERVICES=\nSERVICE_TOKEN=ab')

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 0
        run.err.contains('[WARNING] SERVICE_TOKEN has fewer than 4 characters: too short to hide')
    }

    def "bin/devstack plugins masks a token in an enable_plugin URL, from a setting or not"() {
        given:
        tree.localConf("""ENABLED_SERVICES=
GIT_TOKEN=$PASSWORD
enable_plugin foo https://user:\$GIT_TOKEN@git.example.com/org/foo.git
enable_plugin bar https://deploy:literal-pass@git.example.com/org/bar.git
enable_plugin baz https://ghp_0123456789abcdef@github.com/org/baz.git
""")

        when:
        def run = Cli.run(tree.root, 'plugins')

        then:
        run.exitCode == 0
        run.out.contains('https://user:******@git.example.com/org/foo.git')
        run.out.contains('https://deploy:******@git.example.com/org/bar.git')
        run.out.contains('https://******@github.com/org/baz.git')
        !run.out.contains(PASSWORD)
        !run.out.contains('literal-pass')
        !run.out.contains('ghp_0123456789abcdef')
    }

    def "the dry run and its JSON plan mask secrets, also a PEM's lines and characters JSON escapes"() {
        given:
        String quoted = 'Xk3"j9\\aQ2w'
        tree.hook('50-conf.groovy', """if (\$1 == 'stack' && \$2 == 'install') {
    write_file "$dir/etc/app.conf", "[db]\\npassword = \$ADMIN_PASSWORD\\nkey = \$TLS_SECRET\\n"
    run_process 'svc', "sleep 600 # \$ADMIN_PASSWORD"
}""")
        tree.localConf("ENABLED_SERVICES=svc\nADMIN_PASSWORD='$quoted'")
        Files.createDirectories(dir.resolve('etc'))

        when:
        def text = Cli.run([TLS_SECRET: PEM], tree.root, 'stack', '--dry-run')
        def json = Cli.run([TLS_SECRET: PEM], tree.root, 'stack', '--dry-run', '--plan-format', 'json')
        def plan = new JsonSlurper().parseText(json.out)
        String values = plan.toString()

        then:
        text.exitCode == 0
        json.exitCode == 0
        text.out.contains('+password = ******')
        text.out.contains('would start svc: sleep 600 # ******')
        !text.out.contains(quoted)
        PEM_BODY.every { !text.out.contains(it) }
        plan.files.find { it.path == "$dir/etc/app.conf" }.diff.contains('+password = ******')
        !values.contains(quoted)
        !json.out.contains('Xk3\\"j9\\\\aQ2w')
        PEM_BODY.every { !values.contains(it) }
        !Files.exists(dir.resolve('etc/app.conf'))
    }

    def "a failing \$(…) in localrc never shows a secret its error output holds"() {
        given:
        tree.localConf("ENABLED_SERVICES=\nDB_PASSWORD=$PASSWORD\nX=\$(ls /nonexistent-\$DB_PASSWORD)")

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 2
        run.err.contains('failed with exit code 2')
        run.err.contains('/nonexistent-******')
        !run.err.contains(PASSWORD)
        !run.out.contains(PASSWORD)
    }
}
