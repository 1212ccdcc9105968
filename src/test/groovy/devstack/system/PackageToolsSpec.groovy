package devstack.system

import devstack.DevstackException
import devstack.console.Console
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration

/**
 * apt_get, apt_get_update and yum_install command lines. sudo is played by a script that records its arguments
 * and fails its first FAILS calls (0 unless a feature sets it), so no package tool ever runs.
 */
class PackageToolsSpec extends Specification {
    @TempDir
    Path dir

    Path sudoLog
    Path fakeSudo
    CommandRunner runner = new CommandRunner(new Console(new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter())))

    def setup() {
        sudoLog = dir.resolve('sudo.log')
        fakeSudo = dir.resolve('fake-sudo')
        Path count = dir.resolve('count')
        Files.writeString(fakeSudo, """#!/bin/sh
echo "\$*" >> '$sudoLog'
n=\$(cat '$count' 2>/dev/null || echo 0); n=\$((n + 1)); echo \$n > '$count'
[ \$n -gt \${FAILS:-0} ]
""")
        fakeSudo.toFile().setExecutable(true)
    }

    private PackageTools tools(Proxies proxies = new Proxies('', '', '')) {
        new PackageTools(runner, new Privilege(false, fakeSudo.toString()), proxies)
    }

    private List<String> sudoCalls() {
        Files.exists(sudoLog) ? Files.readAllLines(sudoLog) : []
    }

    def "apt_get runs apt-get non-interactively, keeping config files, with the proxies that are set"() {
        when:
        tools(new Proxies('http://proxy:3128', '', 'localhost')).aptGet('install', ['cowsay', 'jq'])

        then:
        sudoCalls() == ['env DEBIAN_FRONTEND=noninteractive http_proxy=http://proxy:3128 no_proxy=localhost apt-get '
                                + '--option Dpkg::Options::=--force-confold --option DPkg::Lock::Timeout=600 --assume-yes install cowsay jq']
    }

    def "an apt_get operation that is not one is refused: '#operation'"() {
        when:
        tools().aptGet(operation, ['jq'])

        then:
        def e = thrown(DevstackException)
        e.message.startsWith('apt_get: ')
        sudoCalls() == []

        where:
        operation << ['--purge', 'Install', 'install jq', '', null]
    }

    def "a failed apt_get stops with apt-get's exit code"() {
        given:
        def failing = new PackageTools(runner, new Privilege(false, '/bin/false'), new Proxies('', '', ''))

        when:
        failing.aptGet('install', ['jq'])

        then:
        def e = thrown(CommandFailedException)
        e.commandExitCode() == 1
        e.command().contains('apt-get --option Dpkg::Options::=--force-confold --option DPkg::Lock::Timeout=600 --assume-yes install jq')
    }

    def "apt_get_update retries a failed update until it works"() {
        given:
        def retrying = new PackageTools(runner, new Privilege(false, failingSudo(2)), new Proxies('', '', ''))

        when:
        retrying.aptGetUpdate(Duration.ofMillis(50), Duration.ofSeconds(20))

        then:
        sudoCalls().size() == 3
        sudoCalls().every { it.endsWith('apt-get --option Dpkg::Options::=--force-confold --option DPkg::Lock::Timeout=600 --assume-yes update') }
    }

    def "apt_get_update gives up with DevStack's message when the time is up"() {
        given:
        def hopeless = new PackageTools(runner, new Privilege(false, failingSudo(1000)), new Proxies('', '', ''))

        when:
        hopeless.aptGetUpdate(Duration.ofMillis(100), Duration.ofMillis(350))

        then:
        def e = thrown(DevstackException)
        e.message.startsWith("Failed to update apt repos, we're dead now")
        sudoCalls().size() in 2..4
    }

    def "yum_install runs dnf install -y with the proxies"() {
        when:
        tools(new Proxies('', 'http://proxy:3128', '')).yumInstall(['cowsay', 'jq'])

        then:
        sudoCalls() == ['env https_proxy=http://proxy:3128 dnf install -y cowsay jq']
    }

    def "arguments are split on blanks as an unquoted bash variable is"() {
        expect:
        PackageTools.words([' a  b', 'c', '']) == ['a', 'b', 'c']
    }

    /** The fake sudo with FAILS set, through env (sudo's place takes a program, not a command line). */
    private String failingSudo(int fails) {
        Path wrapper = dir.resolve("sudo-failing-$fails")
        Files.writeString(wrapper, "#!/bin/sh\nFAILS=$fails exec '$fakeSudo' \"\$@\"\n")
        wrapper.toFile().setExecutable(true)
        wrapper.toString()
    }
}
