package devstack.script

import devstack.testkit.MachineWide
import com.sun.net.httpserver.HttpServer
import devstack.testkit.Cli
import devstack.testkit.Tree
import spock.lang.Requires
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import java.security.MessageDigest
import java.util.concurrent.atomic.AtomicInteger
import java.util.zip.ZipEntry
import java.util.zip.ZipOutputStream

/**
 * SPEC §4: DevStack's generic library as a plugin calls it, run through the real CLI on this machine. HTTP
 * features talk to a small server on 127.0.0.1 started by the feature; features that need root, the service
 * command or pip say so with @Requires.
 */
@MachineWide
class SystemHelpersSpec extends Specification {
    @TempDir
    Path dir

    Tree tree
    HttpServer server
    AtomicInteger requests = new AtomicInteger()
    List<String> undo = []

    def setup() {
        tree = new Tree(dir)
    }

    def cleanup() {
        server?.stop(0)
        undo.reverse().each { new ProcessBuilder('/bin/sh', '-c', it).inheritIO().start().exitCode() }
    }

    static boolean root() {
        System.getProperty('user.name') == 'root'
    }

    static boolean onPath(String program) {
        System.getenv('PATH').split(':').any { Files.isExecutable(Path.of(it, program)) }
    }

    /** Runs {@code body} in a hook at the unstack phase and returns the run. */
    private Cli unstackWith(String body, String localrc = 'ENABLED_SERVICES=') {
        tree.unstackWith(body, localrc)
    }

    /** A line that writes {@code expression}'s value to the probe log. */
    private static String probe(String expression) {
        "new File(PROBE_LOG) << \"\${$expression}\\n\""
    }

    /** Serves {@code body} at {@code path} (and 404 elsewhere); returns the server's base URL. */
    private String serve(String path, String body) {
        server = HttpServer.create(new InetSocketAddress('127.0.0.1', 0), 0)
        server.createContext('/') { exchange ->
            requests.incrementAndGet()
            byte[] bytes = body.bytes
            boolean found = exchange.requestURI.path == path
            exchange.sendResponseHeaders(found ? 200 : 404, found ? bytes.length : -1)
            if (found) {
                exchange.responseBody.write(bytes)
            }
            exchange.close()
        }
        server.start()
        "http://127.0.0.1:${server.address.port}"
    }

    private static int closedPort() {
        def socket = new ServerSocket(0, 1, InetAddress.getByName('127.0.0.1'))
        int port = socket.localPort
        socket.close()
        port
    }

    // ---- system services -------------------------------------------------------------------------------------

    @Requires({ root() && onPath('service') && !Files.isDirectory(Path.of('/run/systemd/system')) })
    def "start_service, stop_service and restart_service run the service's init script through service"() {
        given: 'a throw-away init script that records what it is asked'
        String name = "devstack-spec-${System.nanoTime()}"
        Path calls = dir.resolve('service.calls')
        Path script = Path.of("/etc/init.d/$name")
        Files.writeString(script, "#!/bin/sh\necho \"\$1\" >> '$calls'\n")
        script.toFile().setExecutable(true)
        undo << "rm -f '$script'"

        when:
        def run = unstackWith("start_service '$name'\nstop_service '$name'\nrestart_service '$name'")

        then:
        run.exitCode == 0
        Files.readAllLines(calls) == ['start', 'stop', 'restart']
    }

    @Requires({ root() && onPath('service') && !Files.isDirectory(Path.of('/run/systemd/system')) })
    def "a service that does not exist stops the run with the command that failed"() {
        when:
        def run = unstackWith("restart_service 'devstack-spec-no-such-service'")

        then:
        run.exitCode == 1
        run.err.contains('service devstack-spec-no-such-service restart')
    }

    def "a service name that is not one is refused"() {
        when:
        def run = unstackWith("start_service '--now'")

        then:
        run.exitCode == 1
        run.err.contains("start_service: '--now' is not a service name")
    }

    // ---- wait_for_service ------------------------------------------------------------------------------------

    def "wait_for_service is true for a server that answers and false for one that never does, and is timed"() {
        given:
        String base = serve('/identity/v3/', 'ok')
        tree.hook('50-wait.groovy', """if (\$1 == 'stack' && \$2 == 'extra') {
${probe("wait_for_service(SERVICE_TIMEOUT, '$base/identity/v3/')")}
${probe("wait_for_service(1, 'http://127.0.0.1:${closedPort()}/')")}
}""")
        tree.localConf('ENABLED_SERVICES=\nSERVICE_TIMEOUT=10')

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 0
        tree.probed() == ['true', 'false']
        requests.get() == 1
        run.out.readLines().any { it.startsWith('wait_for_service ') }
    }

    def "wait_for_service refuses #what"() {
        when:
        def run = unstackWith("wait_for_service $args")

        then:
        run.exitCode == 1
        run.err.contains(message)

        where:
        what                 | args                                  || message
        'a timeout of text'  | "'soon', 'http://127.0.0.1/'"         || "wait_for_service: the timeout must be a number, not 'soon'"
        'a timeout of 0'     | "0, 'http://127.0.0.1/'"              || 'wait_for_service: the timeout must be more than 0 seconds'
        'a URL that is not'  | "5, 'ftp://127.0.0.1/'"               || "wait_for_service: 'ftp://127.0.0.1/' is not an http or https URL"
    }

    // ---- users and permissions ---------------------------------------------------------------------------

    @Requires({ root() && onPath('usermod') && onPath('useradd') && onPath('groupadd') })
    def "add_user_to_group adds a user to a group"() {
        given: 'a throw-away user and group'
        String suffix = System.nanoTime() % 1_000_000_000
        String user = "dssu$suffix"
        String group = "dssg$suffix"
        assert ['groupadd', group].execute().exitCode() == 0
        undo << "groupdel $group"
        assert ['useradd', '--no-create-home', '--no-user-group', '--shell', '/usr/sbin/nologin', user]
                .execute().exitCode() == 0
        undo << "userdel $user"
        assert !['id', '-nG', user].execute().text.split().contains(group)

        when:
        def run = unstackWith("add_user_to_group '$user', '$group'")

        then:
        run.exitCode == 0
        ['id', '-nG', user].execute().text.split().contains(group)
    }

    def "add_user_to_group refuses a name that is not one: #user #group"() {
        when:
        def run = unstackWith("add_user_to_group '$user', '$group'")

        then:
        run.exitCode == 1
        run.err.contains(message)

        where:
        user    | group     || message
        '-o'    | 'root'    || "add_user_to_group: '-o' is not a user name"
        'stack' | 'a group' || "add_user_to_group: 'a group' is not a group name"
    }

    @Requires({ root() })
    def "safe_chmod and safe_chown change a file's mode and owner"() {
        given:
        Path file = Files.writeString(dir.resolve('secret.conf'), 'x')
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString('rw-r--r--'))

        when:
        def run = unstackWith("safe_chmod '0600', '$file'\nsafe_chown 'nobody', '$file'")

        then:
        run.exitCode == 0
        PosixFilePermissions.toString(Files.getPosixFilePermissions(file)) == 'rw-------'
        Files.getOwner(file).name == 'nobody'
    }

    def "safe_chmod needs a mode and a target"() {
        when:
        def run = unstackWith("safe_chmod '$dir'")

        then:
        run.exitCode == 1
        run.err.contains('safe_chmod: needs a mode and a target')
    }

    // ---- functions, tables, files --------------------------------------------------------------------------

    def "function_exists knows the helpers, this plugin's functions, and those of libraries loaded so far"() {
        given:
        tree.library('widget.groovy', 'def install_widget() { }')
        tree.hook('10-widget.groovy', "if (\$1 == 'source') { source 'lib/widget' }")
        tree.hook('50-under-test.groovy', """
def own_function() { }
if (\$1 == 'unstack') {
    ${probe("['iniset', 'die', 'pip_install', 'install_widget', 'own_function', 'no_such_function', 'run']" +
                ".collect { function_exists(it) }.join(' ')")}
}
""")
        tree.localConf('ENABLED_SERVICES=')

        when:
        def run = Cli.run(tree.root, 'unstack')

        then:
        run.exitCode == 0
        tree.probed() == ['true true true true true false false']
    }

    def "function_exists refuses a name that is not one"() {
        when:
        def run = unstackWith("function_exists 'two words'")

        then:
        run.exitCode == 1
        run.err.contains("function_exists: 'two words' is not a function name")
    }

    def "get_field takes column #index of every line of a table"() {
        given:
        String table = '+----+------+\\n| ID | Name |\\n+----+------+\\n| 42 | demo |\\n|  7 |  alt |\\n+----+------+\\n'

        when:
        def run = unstackWith("""
def table = '$table'
def rows = table.readLines().findAll { it =~ /^\\| +[0-9]/ }.join('\\n')
${probe("get_field(rows, $index).replace('\\n', ',')")}
${probe("get_field('| only | line |', $index)")}
""")

        then:
        run.exitCode == 0
        tree.probed() == expected

        where:
        index || expected
        1     || ['42,7', 'only']
        2     || ['demo,alt', 'line']
        -1    || ['demo,alt', 'line']
        -2    || ['42,7', 'only']
        3     || [',', '']
    }

    def "get_field refuses field #index"() {
        when:
        def run = unstackWith("get_field '| a |', $index")

        then:
        run.exitCode == 1
        run.err.contains(message)

        where:
        index   || message
        0       || 'get_field: the field number must be a whole number other than 0'
        1.5     || 'get_field: the field number must be a whole number other than 0'
        "'two'" || "get_field: the field number must be a number, not 'two'"
    }

    def "get_extra_file returns a file:// URL's path, and downloads an http URL into FILES once"() {
        given:
        Path local = Files.writeString(dir.resolve('local.img'), 'LOCAL')
        String base = serve('/images/tiny.img', 'IMAGE')

        when:
        def run = unstackWith("""
${probe("get_extra_file('file://$local')")}
${probe("get_extra_file('$base/images/tiny.img')")}
${probe("get_extra_file('$base/images/tiny.img')")}
""")

        then:
        run.exitCode == 0
        String cached = tree.root.resolve('files/tiny.img').toString()
        tree.probed() == [local.toString(), cached, cached]
        Files.readString(Path.of(cached)) == 'IMAGE'
        requests.get() == 1
        !Files.exists(Path.of(cached + '.part'))
    }

    def "get_extra_file stops the run when the download fails, and leaves nothing behind"() {
        given:
        String base = serve('/images/tiny.img', 'IMAGE')

        when:
        def run = unstackWith("get_extra_file '$base/images/missing.img'")

        then:
        run.exitCode == 1
        run.err.contains("$base/images/missing.img could not be downloaded (HTTP status 404)")
        requests.get() == 1
        !Files.exists(tree.root.resolve('files/missing.img'))
    }

    def "with OFFLINE=True get_extra_file uses what FILES holds and downloads nothing"() {
        given:
        String base = serve('/images/tiny.img', 'IMAGE')
        Files.createDirectories(tree.root.resolve('files'))
        Files.writeString(tree.root.resolve('files/cached.img'), 'CACHED')

        when:
        def run = unstackWith("""
${probe("get_extra_file('$base/images/cached.img')")}
get_extra_file '$base/images/tiny.img'
""", 'ENABLED_SERVICES=\nOFFLINE=True')

        then:
        run.exitCode == 1
        tree.probed() == [tree.root.resolve('files/cached.img').toString()]
        run.err.contains("get_extra_file: ${tree.root.resolve('files/tiny.img')} is missing and OFFLINE=True forbids downloading")
        requests.get() == 0
    }

    def "get_extra_file refuses #what"() {
        when:
        def run = unstackWith("get_extra_file '$url'")

        then:
        run.exitCode == 1
        run.err.contains(message)

        where:
        what                     | url                        || message
        'a missing local file'   | 'file:///no/such/file.img' || 'get_extra_file: file:///no/such/file.img names a file that does not exist'
        'a URL naming no file'   | 'http://127.0.0.1/images/' || 'get_extra_file: http://127.0.0.1/images/ names no file'
        'what is not a URL'      | 'cirros.img'               || "get_extra_file: 'cirros.img' is not an http or https URL"
    }

    // ---- retries and timers --------------------------------------------------------------------------------

    def "test_with_retry runs a shell command until it succeeds"() {
        given:
        Path count = dir.resolve('count')

        when:
        def run = unstackWith("""
test_with_retry 'n=\$(cat $count 2>/dev/null || echo 0); n=\$((n + 1)); echo \$n > $count; [ \$n -ge 3 ]', 'never reached 3', 10, 0.05
${probe("'went on'")}
""")

        then:
        run.exitCode == 0
        Files.readString(count).trim() == '3'
        tree.probed() == ['went on']
    }

    def "test_with_retry stops the run with its message when the time is up"() {
        when:
        long start = System.nanoTime()
        def run = unstackWith("test_with_retry 'test -e /no/such/file', $args")
        long millis = (System.nanoTime() - start).intdiv(1_000_000)

        then:
        run.exitCode == 1
        run.err.contains(message)
        millis >= 900

        where:
        args                    || message
        "'the file never came', 1" || 'the file never came'
        "'', '1', '0.2'"           || "test_with_retry: 'test -e /no/such/file' did not succeed within 1 s"
    }

    def "test_with_retry refuses a limit that is not a number"() {
        when:
        def run = unstackWith("test_with_retry 'true', 'msg', 'ten'")

        then:
        run.exitCode == 1
        run.err.contains("test_with_retry: the time limit (until) must be a number, not 'ten'")
    }

    def "time_start and time_stop time a block; its total is in the timing table at the end of stack"() {
        given:
        tree.hook('50-timed.groovy', """if (\$1 == 'stack' && \$2 == 'install') {
time_start 'spec_block'
Thread.sleep(20)
time_stop 'spec_block'
time_start 'spec_block'
time_stop 'spec_block'
}""")
        tree.localConf('ENABLED_SERVICES=')

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 0
        run.out.readLines().any { it ==~ /spec_block +\d+\.\d/ }
    }

    def "time_stop of a timer never started and time_start of a running one stop the run as DevStack's"() {
        when:
        def run = unstackWith(body)

        then:
        run.exitCode == 1
        run.err.contains(message)

        where:
        body                                  || message
        "time_stop 'never'"                   || "Trying to stop the clock on never, but it was never started"
        "time_start 'twice'\ntime_start 'twice'" || "Trying to start the clock on twice, but it's already been started"
    }

    // ---- python ----------------------------------------------------------------------------------------------

    def "get_python_exec_prefix is /usr/local/bin, or DEVSTACK_VENV's bin with GLOBAL_VENV=True"() {
        when:
        def run = unstackWith(probe('get_python_exec_prefix()'), "ENABLED_SERVICES=\n$localrc")

        then:
        run.exitCode == 0
        tree.probed() == [expected]

        where:
        localrc                                    || expected
        ''                                         || '/usr/local/bin'
        'GLOBAL_VENV=False'                        || '/usr/local/bin'
        'GLOBAL_VENV=True\nDEVSTACK_VENV=/srv/venv' || '/srv/venv/bin'
    }

    @Requires({ SystemHelpersSpec.pythonWithPipAndVenv() })
    def "pip_install installs into PIP_VIRTUAL_ENV"() {
        given: 'a virtualenv that borrows the system pip, and a wheel built here, so nothing comes from the network'
        Path venv = dir.resolve('venv')
        assert ['python3', '-m', 'venv', '--without-pip', '--system-site-packages', venv.toString()]
                .execute().exitCode() == 0
        Path wheel = wheel('dsprobe', '1.0', 'VALUE = 42\n')

        when:
        def run = unstackWith("pip_install '--no-index', '$wheel'\n${probe('get_python_exec_prefix()')}",
                "ENABLED_SERVICES=\nPIP_VIRTUAL_ENV=$venv")

        then:
        run.exitCode == 0
        ["$venv/bin/python3", '-c', 'import dsprobe; print(dsprobe.VALUE)'].execute().text.trim() == '42'
        tree.probed() == ['/usr/local/bin']
    }

    def "pip_install without pip stops the run saying to install python3-pip; with OFFLINE=True it does nothing"() {
        when:
        def run = unstackWith("pip_install 'foo'\n${probe("'went on'")}", "ENABLED_SERVICES=\nPYTHON3_VERSION=3.99\n$more")

        then:
        run.exitCode == exitCode
        run.err.contains("install_package 'python3-pip'") == (exitCode == 1)
        tree.probed() == probed

        where:
        more           || exitCode | probed
        ''             || 1        | []
        'OFFLINE=True' || 0        | ['went on']
    }

    static boolean pythonWithPipAndVenv() {
        try {
            ['python3', '-m', 'pip', '--version'].execute().exitCode() == 0 &&
                    ['python3', '-c', 'import venv'].execute().exitCode() == 0
        } catch (IOException e) {
            false
        }
    }

    /** A pure-Python wheel with one module, {@code name}, whose source is {@code source}. */
    private Path wheel(String name, String version, String source) {
        Path file = dir.resolve("$name-$version-py3-none-any.whl")
        String info = "$name-${version}.dist-info"
        Map<String, String> entries = [
                ("$name/__init__.py".toString())   : source,
                ("$info/METADATA".toString())      : "Metadata-Version: 2.1\nName: $name\nVersion: $version\n".toString(),
                ("$info/WHEEL".toString())         : 'Wheel-Version: 1.0\nGenerator: spec\nRoot-Is-Purelib: true\nTag: py3-none-any\n',
        ]
        String record = entries.collect { path, text ->
            byte[] digest = MessageDigest.getInstance('SHA-256').digest(text.bytes)
            "$path,sha256=${Base64.urlEncoder.withoutPadding().encodeToString(digest)},${text.bytes.length}"
        }.join('\n') + "\n$info/RECORD,,\n"
        entries["$info/RECORD".toString()] = record
        new ZipOutputStream(Files.newOutputStream(file)).withCloseable { zip ->
            entries.each { path, text ->
                zip.putNextEntry(new ZipEntry(path))
                zip.write(text.bytes)
                zip.closeEntry()
            }
        }
        file
    }
}
