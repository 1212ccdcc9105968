package devstack.system

import devstack.DevstackException
import devstack.console.Console
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * start/stop/restart_service's choice between systemctl and service. sudo is played by a script that records its
 * arguments and runs nothing, so the spec never touches a real service.
 */
class SystemServicesSpec extends Specification {
    @TempDir
    Path dir

    Path sudoLog
    Path marker
    SystemServices services

    def setup() {
        sudoLog = dir.resolve('sudo.log')
        Path fakeSudo = dir.resolve('fake-sudo')
        Files.writeString(fakeSudo, "#!/bin/sh\necho \"\$*\" >> '$sudoLog'\n")
        fakeSudo.toFile().setExecutable(true)
        marker = dir.resolve('run/systemd/system')
        def console = new Console(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
        services = new SystemServices(RealMachine.of(console, new Privilege(false, fakeSudo.toString())), marker)
    }

    private List<String> sudoCalls() {
        Files.exists(sudoLog) ? Files.readAllLines(sudoLog) : []
    }

    def "without a running systemd, service NAME OPERATION runs through sudo"() {
        when:
        services.start('apache2')
        services.stop('mysql')
        services.restart('rabbitmq-server')

        then:
        !services.systemdRuns()
        sudoCalls() == ['service apache2 start', 'service mysql stop', 'service rabbitmq-server restart']
    }

    def "when systemd runs the machine, systemctl OPERATION NAME runs through sudo"() {
        given:
        Files.createDirectories(marker)

        when:
        services.start('apache2')
        services.stop('mysql')
        services.restart('devstack@n-cpu.service')

        then:
        services.systemdRuns()
        sudoCalls() == ['systemctl start apache2', 'systemctl stop mysql', 'systemctl restart devstack@n-cpu.service']
    }

    def "root needs no sudo"() {
        expect:
        new SystemServices(RealMachine.of(new Console(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())), new Privilege(true)), marker).command('restart', 'apache2') ==
                ['service', 'apache2', 'restart']
    }

    def "'#name' is refused before anything runs"() {
        when:
        services.start(name)

        then:
        def e = thrown(DevstackException)
        e.message == "start_service: '$name' is not a service name"
        sudoCalls() == []

        where:
        name << ['', '--now', 'two words', 'a;b', null]
    }
}
