package devstack.script

import devstack.testkit.Cli
import devstack.testkit.Tree
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** SPEC §3-§4: the helpers as a plugin calls them, run through the real CLI. */
class HelpersSpec extends Specification {
    @TempDir
    Path dir

    Tree tree

    def setup() {
        tree = new Tree(dir)
    }

    /** Runs {@code body} in a hook at the unstack phase and returns the run. */
    private Cli unstackWith(String body, String localrc = 'ENABLED_SERVICES=template') {
        tree.unstackWith(body, localrc)
    }

    private List<String> probed() {
        tree.probed()
    }

    def "iniset writes DevStack's layout, atomically, and iniget reads it back"() {
        given:
        Path conf = dir.resolve('etc/svc.conf')
        Files.createDirectories(conf.parent)
        Files.writeString(conf, '[DEFAULT]\ndebug=False\n')

        when:
        def run = unstackWith("""
iniset '$conf', 'DEFAULT', 'debug', 'True'
iniset '-sudo', '$conf', 'DEFAULT', 'workers', 4
iniset '$conf', 'database', 'connection', 'mysql+pymysql://root:pw@127.0.0.1/nova?charset=utf8'
new File(PROBE_LOG) << iniget('$conf', 'database', 'connection') + '\\n'
""")

        then:
        run.exitCode == 0
        Files.readString(conf) == '[DEFAULT]\nworkers = 4\ndebug=True\n\n[database]\n' +
                'connection = mysql+pymysql://root:pw@127.0.0.1/nova?charset=utf8\n'
        probed() == ['mysql+pymysql://root:pw@127.0.0.1/nova?charset=utf8']
    }

    def "trueorfalse normalises #value to #result"() {
        when:
        def run = unstackWith("new File(PROBE_LOG) << trueorfalse('dflt', 'FLAG') + '\\n'", "ENABLED_SERVICES=\nFLAG=$value")

        then:
        run.exitCode == 0
        probed() == [result]

        where:
        value   | result
        'yes'   | 'True'
        'TRUE'  | 'True'
        '1'     | 'True'
        'No'    | 'False'
        'false' | 'False'
        '0'     | 'False'
        'on'    | 'dflt'
        'yEs'   | 'dflt'
        "''"    | 'dflt'
    }

    def "warn names the plugin file and line on stderr and the run goes on"() {
        when:
        def run = unstackWith("\nwarn 'disk', 'almost full'\nnew File(PROBE_LOG) << 'after\\n'")

        then:
        run.exitCode == 0
        run.err.contains('[WARNING] extras.d/50-under-test.groovy:3 disk almost full')
        probed() == ['after']
    }

    def "err reports with file and line and keeps the line in LOGDIR/error.log"() {
        when:
        def run = unstackWith("err 'mirror unreachable'")

        then:
        run.exitCode == 0
        run.err.contains('[ERROR] extras.d/50-under-test.groovy:2 mirror unreachable')
        Files.readString(tree.dest.resolve('logs/error.log')).contains('mirror unreachable')
    }

    def "services can be tested, enabled and disabled by a plugin, and ENABLED_SERVICES is live"() {
        when:
        def run = unstackWith('''
def seen = { new File(PROBE_LOG) << "${it}=${is_service_enabled(it)}\\n" }
seen('foo')
enable_service 'foo'
seen('foo')
disable_service 'foo'
seen('foo')
ENABLED_SERVICES += ',bar'
seen('bar')
new File(PROBE_LOG) << "list=$ENABLED_SERVICES\\n"
''', 'ENABLED_SERVICES=template')

        then:
        run.exitCode == 0
        probed() == ['foo=false', 'foo=true', 'foo=false', 'bar=true', 'list=template,bar']
    }

    def "a function is_<name>_enabled defined by a library answers is_service_enabled <name>"() {
        given:
        tree.library('widget.groovy', "def is_widget_enabled() { is_service_enabled('w-api', 'w-eng') }")
        tree.hook('10-widget.groovy', "if (\$1 == 'source') { source 'lib/widget' }")

        when:
        def run = unstackWith("new File(PROBE_LOG) << \"\${is_service_enabled('widget')}\\n\"",
                "ENABLED_SERVICES=$services")

        then:
        run.exitCode == 0
        probed() == [expected]

        where:
        services        | expected
        'w-eng'         | 'true'
        'w-engine,key'  | 'false'
    }

    def "sh returns a command's output and a failed command stops the run with its code and last lines"() {
        when:
        def run = unstackWith("""
new File(PROBE_LOG) << sh('echo one; echo two') + '\\n'
sh 'echo about to fail; echo because >&2; exit 3'
""")

        then:
        run.exitCode == 1
        probed() == ['one', 'two']
        run.err.contains('[ERROR] unstack in extras.d/50-under-test.groovy:4: command failed with exit code 3: '
                + 'echo about to fail; echo because >&2; exit 3')
        run.err.contains('    about to fail')
        run.err.contains('    because')
    }

    def "sudo runs a command as root"() {
        when:
        def run = unstackWith("new File(PROBE_LOG) << sudo('id -u') + '\\n'")

        then:
        run.exitCode == 0
        probed() == ['0']
    }

    def "println in a plugin goes to the log, like echo in a bash hook"() {
        given:
        tree.hook('50-print.groovy', "if (\$1 == 'stack' && \$2 == 'install') { println 'hello from println' }")
        tree.localConf('ENABLED_SERVICES=template')

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 0
        !run.out.contains('hello from println')
        Files.readString(tree.dest.resolve('logs/stack.sh.log')) =~ /(?m)^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \| hello from println$/
    }

    def "echo_summary reaches the console and the log, and secrets never do"() {
        given:
        tree.hook('50-say.groovy', "if (\$1 == 'stack' && \$2 == 'extra') { echo_summary \"admin password is \$ADMIN_PASSWORD\" }")
        tree.localConf('ENABLED_SERVICES=template\nADMIN_PASSWORD=s3cr3t-value')

        when:
        def run = Cli.run(tree.root, 'stack')
        def log = Files.readString(tree.dest.resolve('logs/stack.sh.log'))

        then:
        run.exitCode == 0
        run.out.contains('admin password is ******')
        log.contains('admin password is ******')
        !run.out.contains('s3cr3t-value')
        !log.contains('s3cr3t-value')
    }

    def "the log file carries the run's timestamp and LOGFILE links to it"() {
        given:
        tree.localConf('ENABLED_SERVICES=template')

        when:
        Cli.run(tree.root, 'stack')
        Path link = tree.dest.resolve('logs/stack.sh.log')

        then:
        Files.isSymbolicLink(link)
        Files.readSymbolicLink(link).toString() ==~ /stack\.sh\.log\.\d{4}-\d\d-\d\d-\d{6}/
    }

    def "die_if_not_set stops the run only when the variable is empty"() {
        when:
        def run = unstackWith("die_if_not_set 'HOST_IP', 'HOST_IP must be set'\nnew File(PROBE_LOG) << 'went on\\n'",
                "ENABLED_SERVICES=\nHOST_IP=$hostIp")

        then:
        run.exitCode == exitCode
        tree.probed() == probed
        run.err.contains('HOST_IP must be set') == (exitCode == 1)

        where:
        hostIp       | exitCode | probed
        '10.0.0.1'   | 0        | ['went on']
        "''"         | 1        | []
    }

    def "deprecated warns at once and again at the end of stack"() {
        given:
        tree.hook('50-old.groovy', "if (\$1 == 'stack' && \$2 == 'install') { deprecated 'OLD_KNOB is deprecated' }")
        tree.localConf('ENABLED_SERVICES=')

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 0
        run.err.readLines() == ['WARNING: OLD_KNOB is deprecated', 'WARNING: OLD_KNOB is deprecated']
    }

    def "get_packages reads the prerequisite lists of the services it is given"() {
        given:
        tree.write('files/debs/alpha', 'one two\nthree NOPRIME\n')
        tree.write('files/rpms/alpha', 'one-rpm two-rpm\n')

        when:
        def run = unstackWith("new File(PROBE_LOG) << get_packages('alpha,beta').join(' ') + '\\n'")

        then:
        run.exitCode == 0
        tree.probed() == [new File('/usr/bin/dpkg').exists() ? 'one two' : 'one-rpm two-rpm']
    }

    def "get_packages wants one comma-separated argument"() {
        when:
        def run = unstackWith("get_packages 'alpha beta'")

        then:
        run.exitCode == 1
        run.err.contains('get_packages takes a single, comma-separated argument')
    }

    def "write_file writes a whole file atomically, with the mode asked for"() {
        given:
        Path target = dir.resolve('bin/tool.sh')
        Files.createDirectories(target.parent)

        when:
        def run = unstackWith("write_file '$target', '#!/bin/sh\\necho hi\\n', '750'")

        then:
        run.exitCode == 0
        Files.readString(target) == '#!/bin/sh\necho hi\n'
        java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(target)) == 'rwxr-x---'
    }

    def "write_file refuses a mode that is not octal"() {
        when:
        def run = unstackWith("write_file '$dir/x', 'text', 'rwx'")

        then:
        run.exitCode == 1
        run.err.contains("write_file: mode 'rwx' is not an octal mode")
        !Files.exists(dir.resolve('x'))
    }

    def "\$(command) in localrc sees the variables set before it, as bash's subshell does"() {
        when:
        def run = unstackWith('new File(PROBE_LOG) << "$Y|$Z\\n"',
                'ENABLED_SERVICES=\nMYDIR=/srv/mine\nY=$(echo "dir is $MYDIR")\nZ="$(basename $DEST)"')

        then:
        run.exitCode == 0
        tree.probed() == ['dir is /srv/mine|dest']
    }

    def "sh and sudo commands see the settings and globals in their environment, as a bash line does"() {
        when:
        def run = unstackWith("""
SHARED_VALUE = 'from a hook'
new File(PROBE_LOG) << sh('echo "\$DEST|\$SHARED_VALUE"') + '\\n'
new File(PROBE_LOG) << sudo('echo "\$DEST|\$SHARED_VALUE"') + '\\n'
""")

        then:
        run.exitCode == 0
        tree.probed() == ["${tree.dest}|from a hook", "${tree.dest}|from a hook"]
    }
}
