package devstack.system

import devstack.DevstackException
import devstack.console.Console
import spock.lang.Requires
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * pip_install's choice of Python and privilege, and get_python_exec_prefix. The Pythons are scripts that answer
 * {@code -m pip --version} as a Python with (or without) pip would; sudo records its arguments and runs nothing.
 */
class PipSpec extends Specification {
    @TempDir
    Path dir

    Path sudoLog
    Path fakeSudo
    Map<String, String> settings = [:]
    Console console = new Console(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))

    def setup() {
        sudoLog = dir.resolve('sudo.log')
        fakeSudo = dir.resolve('fake-sudo')
        Files.writeString(fakeSudo, "#!/bin/sh\necho \"\$*\" >> '$sudoLog'\n")
        fakeSudo.toFile().setExecutable(true)
        settings.DEST = dir.resolve('dest').toString()
    }

    private Pip pip() {
        new Pip(RealMachine.of(console, new Privilege(false, fakeSudo.toString())), { settings.getOrDefault(it, '') })
    }

    /** A directory that looks like a virtualenv whose python has pip (or not). */
    private Path venv(String name, boolean withPip = true) {
        Path bin = Files.createDirectories(dir.resolve("$name/bin"))
        Files.writeString(bin.resolve('python3'), withPip ? '#!/bin/sh\nexit 0\n'
                : '#!/bin/sh\necho "No module named pip" >&2\nexit 1\n')
        bin.resolve('python3').toFile().setExecutable(true)
        bin.parent
    }

    def "PIP_VIRTUAL_ENV: that virtualenv's python, as the current user"() {
        given:
        Path env = venv('venv')
        settings.PIP_VIRTUAL_ENV = env.toString()

        expect:
        pip().installCommand(['foo>=1.0']) == ['env', "$env/bin/python3".toString(), '-m', 'pip', 'install', 'foo>=1.0']
    }

    def "GLOBAL_VENV=True: DEVSTACK_VENV's python, as root; its bin is the exec prefix"() {
        given:
        Path env = venv('global')
        settings.GLOBAL_VENV = 'True'
        settings.DEVSTACK_VENV = env.toString()

        expect:
        pip().installCommand(['foo']) ==
                [fakeSudo.toString(), 'env', "$env/bin/python3".toString(), '-m', 'pip', 'install', 'foo']
        pip().execPrefix() == "$env/bin".toString()
    }

    def "GLOBAL_VENV=True without the virtualenv: a message saying to create it"() {
        given:
        settings.GLOBAL_VENV = 'True'

        when:
        pip().installCommand(['foo'])

        then:
        def e = thrown(DevstackException)
        e.message == "pip_install: GLOBAL_VENV=True but the virtualenv ${dir.resolve('dest/data/venv')} does not exist"
        e.hint().contains('python3 -m venv')
    }

    @Requires({ PipSpec.systemPipPresent() })
    def "no virtualenv: the system python3 as root, /usr/local/bin the exec prefix"() {
        given:
        settings.PIP_UPGRADE = 'True'
        settings.http_proxy = 'http://proxy:3128'
        settings.PIP_FIND_LINKS = '/srv/wheels'
        Path requirements = Files.createDirectories(dir.resolve('requirements'))
        Files.writeString(requirements.resolve('upper-constraints.txt'), 'foo===1.0\n')
        settings.REQUIREMENTS_DIR = requirements.toString()

        when:
        def argv = pip().installCommand(['foo'])

        then:
        argv == [fakeSudo.toString(), 'env', 'http_proxy=http://proxy:3128', 'PIP_FIND_LINKS=/srv/wheels', 'python3',
                 '-m', 'pip', 'install', '-c', requirements.resolve('upper-constraints.txt').toString(), '--upgrade',
                 'foo']
        pip().execPrefix() == '/usr/local/bin'
    }

    def "a Python without pip: the message says to install python3-pip"() {
        given:
        settings.PYTHON3_VERSION = '3.no-such-version'

        when:
        pip().install(['foo'])

        then:
        def e = thrown(DevstackException)
        e.message.startsWith("pip_install: 'python3.no-such-version -m pip' is not available on this machine")
        e.hint().contains("install_package 'python3-pip'")
        !Files.exists(sudoLog)
    }

    def "a virtualenv without pip: the message says so"() {
        given:
        settings.PIP_VIRTUAL_ENV = venv('broken', false).toString()

        when:
        pip().install(['foo'])

        then:
        def e = thrown(DevstackException)
        e.message.contains('has no working pip (No module named pip)')
    }

    def "a refusal of an externally managed Python comes with the way out"() {
        given:
        Path env = venv('managed')
        Files.writeString(env.resolve('bin/python3'), '''#!/bin/sh
[ "$3" = --version ] && exit 0
echo "error: externally-managed-environment" >&2
exit 1
''')
        settings.PIP_VIRTUAL_ENV = env.toString()

        when:
        pip().install(['foo'])

        then:
        def e = thrown(DevstackException)
        e.message.contains('refuses pip installs (PEP 668)')
        e.hint().contains('PIP_VIRTUAL_ENV')
    }

    /** The check runs python3 -m pip --version for real. */
    static boolean systemPipPresent() {
        try {
            new ProcessBuilder('python3', '-m', 'pip', '--version').start().exitCode() == 0
        } catch (IOException e) {
            false
        }
    }
}
