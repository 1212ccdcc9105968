package devstack.system

import devstack.console.Console
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** running_in_container: the container marker files, else systemd-detect-virt (played by a script here). */
class ContainerCheckSpec extends Specification {
    @TempDir
    Path dir

    Path root
    Machine machine = RealMachine.of(new Console(new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter())))

    def setup() {
        root = Files.createDirectories(dir.resolve('root'))
    }

    private String detectVirt(String output, int code) {
        Path script = dir.resolve('detect-virt')
        Files.writeString(script, "#!/bin/sh\n[ \"\$1\" = --container ] || exit 9\necho '$output'\nexit $code\n")
        script.toFile().setExecutable(true)
        script.toString()
    }

    def "the marker file #marker means a container"() {
        given:
        Files.createDirectories(root.resolve(marker).parent)
        Files.createFile(root.resolve(marker))

        expect:
        new ContainerCheck(machine, root, detectVirt('none', 1)).inContainer()

        where:
        marker << ['.dockerenv', 'run/.containerenv']
    }

    def "without a marker, systemd-detect-virt --container decides: '#output' (exit #code) gives #expected"() {
        expect:
        new ContainerCheck(machine, root, detectVirt(output, code)).inContainer() == expected

        where:
        output   | code || expected
        'lxc'    | 0    || true
        'docker' | 0    || true
        'none'   | 1    || false
    }

    def "without a marker and without systemd-detect-virt, it is no container"() {
        expect:
        !new ContainerCheck(machine, root, dir.resolve('missing-detect-virt').toString()).inContainer()
    }
}
