package devstack.system

import devstack.DevstackException
import devstack.console.Console
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * Which package manager a distribution gets (DevStack's is_ubuntu / is_fedora), and what happens on any other:
 * DevStack's exit_distro_not_supported, never a guessed dnf.
 */
class UnsupportedDistributionSpec extends Specification {
    @TempDir
    Path dir

    StringWriter out = new StringWriter()
    Console console = new Console(new PrintWriter(out), new PrintWriter(out))
    CommandRunner commands = new CommandRunner(console)
    /** A sudo that fails: no package tool may run (the specs are not root for it). */
    Privilege noTools = new Privilege(false, '/bin/false')

    private OsRelease osRelease(String text) {
        Path file = dir.resolve('os-release')
        Files.writeString(file, text)
        OsRelease.read(file)
    }

    private Packages packagesOn(OsRelease os) {
        new Packages(PackageManager.forDistribution(os, commands, noTools), console, { false }, { false },
                { new Proxies('', '', '') })
    }

    def "#label gets #manager"() {
        expect:
        PackageManager.forDistribution(osRelease(text), commands, noTools).class.simpleName == manager

        where:
        label              | text                                                        || manager
        'Debian'           | 'ID=debian\nVERSION_ID=12\nVERSION_CODENAME=bookworm'       || 'Apt'
        'Ubuntu'           | 'ID=ubuntu\nID_LIKE=debian\nVERSION_CODENAME=noble'         || 'Apt'
        'Linux Mint'       | 'ID=linuxmint\nID_LIKE="ubuntu debian"'                     || 'Apt'
        'Fedora'           | 'ID=fedora\nVERSION_ID=41'                                  || 'Dnf'
        'RHEL'             | 'ID="rhel"\nVERSION_ID="9.4"'                               || 'Dnf'
        'CentOS Stream'    | 'ID="centos"\nID_LIKE="rhel fedora"\nVERSION_ID="9"'        || 'Dnf'
        'Rocky'            | 'ID="rocky"\nVERSION_ID="9.4"'                              || 'Dnf'
        'AlmaLinux'        | 'ID="almalinux"\nVERSION_ID="9.4"'                          || 'Dnf'
        'Oracle Linux'     | 'ID="ol"\nVERSION_ID="9.4"'                                 || 'Dnf'
        'openEuler'        | 'ID="openEuler"\nVERSION_ID="24.03"'                        || 'Dnf'
        'Alpine'           | 'ID=alpine\nVERSION_ID=3.20.3'                              || 'UnsupportedDistribution'
        'Arch'             | 'ID=arch'                                                   || 'UnsupportedDistribution'
        'openSUSE'         | 'ID="opensuse-leap"\nID_LIKE="suse opensuse"\nVERSION_ID="15.6"' || 'UnsupportedDistribution'
    }

    def "on an unsupported distribution #helper stops with exit_distro_not_supported's message, exit 1, running nothing"() {
        given:
        Packages packages = packagesOn(osRelease('NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.20.3\n'))

        when:
        call(packages)

        then:
        DevstackException e = thrown()
        e.exitCode() == 1
        e.message == "Support for alpine3.20.3 is incomplete: no support for $what"
        e.hint().contains('ID in /etc/os-release: alpine')
        out.toString().isEmpty()

        where:
        helper                 | what                                | call
        'install_package'      | 'installing packages'               | { Packages p -> p.install(['cowsay']) }
        'is_package_installed' | 'finding if a package is installed' | { Packages p -> p.isInstalled(['cowsay']) }
        'uninstall_package'    | 'uninstalling packages'             | { Packages p -> p.uninstall(['cowsay']) }
    }

    def "without an os-release the distribution is unsupported too"() {
        given:
        Packages packages = packagesOn(OsRelease.read(dir.resolve('missing')))

        when:
        packages.install(['cowsay'])

        then:
        DevstackException e = thrown()
        e.message == 'Support for unknown is incomplete: no support for installing packages'
    }

    def "no package operation, no error: an empty install and a repository refresh do nothing"() {
        given:
        Packages packages = packagesOn(osRelease('ID=alpine\nVERSION_ID=3.20.3\n'))

        when:
        packages.install([])
        packages.install(['  '])
        packages.updateRepositories(true)

        then:
        notThrown(DevstackException)
        out.toString().isEmpty()
    }

    def "with OFFLINE=True install_package needs no package operation, so it does nothing there either"() {
        given:
        console.verbose = true
        def packages = new Packages(PackageManager.forDistribution(osRelease('ID=alpine\nVERSION_ID=3.20.3\n'), commands,
                noTools), console, { false }, { true }, { new Proxies('', '', '') })

        when:
        packages.install(['cowsay'])

        then:
        notThrown(DevstackException)
        out.toString().contains('OFFLINE=True: not installing cowsay')
    }
}
