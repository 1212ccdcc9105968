package devstack.system

import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** Distribution detection (SPEC §4, reference §4.4): os_VENDOR, os_RELEASE, os_CODENAME, os_PACKAGE, DISTRO. */
class OsReleaseSpec extends Specification {

    @TempDir
    Path dir

    static final String DEBIAN_BOOKWORM = '''\
        PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
        NAME="Debian GNU/Linux"
        VERSION_ID="12"
        VERSION="12 (bookworm)"
        VERSION_CODENAME=bookworm
        ID=debian
        HOME_URL="https://www.debian.org/"
        SUPPORT_URL="https://www.debian.org/support"
        BUG_REPORT_URL="https://bugs.debian.org/"
        '''.stripIndent()

    static final String UBUNTU_NOBLE = '''\
        PRETTY_NAME="Ubuntu 24.04.1 LTS"
        NAME="Ubuntu"
        VERSION_ID="24.04"
        VERSION="24.04.1 LTS (Noble Numbat)"
        VERSION_CODENAME=noble
        ID=ubuntu
        ID_LIKE=debian
        HOME_URL="https://www.ubuntu.com/"
        SUPPORT_URL="https://help.ubuntu.com/"
        BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
        PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
        UBUNTU_CODENAME=noble
        LOGO=ubuntu-logo
        '''.stripIndent()

    static final String FEDORA_41 = '''\
        NAME="Fedora Linux"
        VERSION="41 (Forty One)"
        RELEASE_TYPE=stable
        ID=fedora
        VERSION_ID=41
        VERSION_CODENAME=""
        PLATFORM_ID="platform:f41"
        PRETTY_NAME="Fedora Linux 41 (Forty One)"
        ANSI_COLOR="0;38;2;60;110;180"
        LOGO=fedora-logo-icon
        CPE_NAME="cpe:/o:fedoraproject:fedora:41"
        DEFAULT_HOSTNAME="fedora"
        HOME_URL="https://fedoraproject.org/"
        SUPPORT_URL="https://ask.fedoraproject.org/"
        BUG_REPORT_URL="https://bugzilla.redhat.com/"
        REDHAT_BUGZILLA_PRODUCT="Fedora"
        REDHAT_BUGZILLA_PRODUCT_VERSION=41
        REDHAT_SUPPORT_PRODUCT="Fedora"
        REDHAT_SUPPORT_PRODUCT_VERSION=41
        SUPPORT_END=2025-12-15
        '''.stripIndent()

    static final String ROCKY_9_4 = '''\
        NAME="Rocky Linux"
        VERSION="9.4 (Blue Onyx)"
        ID="rocky"
        ID_LIKE="rhel centos fedora"
        VERSION_ID="9.4"
        PLATFORM_ID="platform:el9"
        PRETTY_NAME="Rocky Linux 9.4 (Blue Onyx)"
        ANSI_COLOR="0;32"
        LOGO="fedora-logo-icon"
        CPE_NAME="cpe:/o:rocky:rocky:9::baseos"
        HOME_URL="https://rockylinux.org/"
        BUG_REPORT_URL="https://bugs.rockylinux.org/"
        SUPPORT_END="2032-05-31"
        ROCKY_SUPPORT_PRODUCT="Rocky-Linux-9"
        ROCKY_SUPPORT_PRODUCT_VERSION="9.4"
        REDHAT_SUPPORT_PRODUCT="Rocky Linux"
        REDHAT_SUPPORT_PRODUCT_VERSION="9.4"
        '''.stripIndent()

    static final String CENTOS_STREAM_9 = '''\
        NAME="CentOS Stream"
        VERSION="9"
        ID="centos"
        ID_LIKE="rhel fedora"
        VERSION_ID="9"
        PLATFORM_ID="platform:el9"
        PRETTY_NAME="CentOS Stream 9"
        ANSI_COLOR="0;31"
        LOGO="fedora-logo-icon"
        CPE_NAME="cpe:/o:centos:centos:9"
        HOME_URL="https://centos.org/"
        BUG_REPORT_URL="https://issues.redhat.com/"
        REDHAT_SUPPORT_PRODUCT="Red Hat Enterprise Linux 9"
        REDHAT_SUPPORT_PRODUCT_VERSION="CentOS Stream"
        '''.stripIndent()

    static OsRelease parse(String text) {
        OsRelease.parse(text.readLines())
    }

    def "#label: os_VENDOR #vendor, os_RELEASE #release, os_CODENAME '#codename', os_PACKAGE #format, DISTRO #distro"() {
        when:
        OsRelease os = parse(text)

        then:
        os.vendor() == vendor
        os.release() == release
        os.codename() == codename
        os.packageFormat() == format
        os.distro() == distro
        os.isUbuntu() == ubuntu
        os.isFedora() == fedora

        where:
        label             | text            || vendor         | release | codename    | format | distro     | ubuntu | fedora
        'Debian bookworm' | DEBIAN_BOOKWORM || 'Debian'       | '12'    | 'bookworm'  | 'deb'  | 'bookworm' | true   | false
        'Ubuntu noble'    | UBUNTU_NOBLE    || 'Ubuntu'       | '24.04' | 'noble'     | 'deb'  | 'noble'    | true   | false
        'Fedora 41'       | FEDORA_41       || 'Fedora'       | '41'    | ''          | 'rpm'  | 'f41'      | false  | true
        // DevStack's GetOSVersion: for almalinux, centos, rocky and rhel, os_VENDOR is NAME without blanks and
        // os_CODENAME the parenthesised part of VERSION (reference §4.4).
        'Rocky 9.4'       | ROCKY_9_4       || 'RockyLinux'   | '9.4'   | 'Blue Onyx' | 'rpm'  | 'rhel9'    | false  | true
        'CentOS Stream 9' | CENTOS_STREAM_9 || 'CentOSStream' | '9'     | ''          | 'rpm'  | 'rhel9'    | false  | true
    }

    def "the ID is what counts, quoted or not, and comments and blank lines are skipped"() {
        when:
        OsRelease os = parse('# generated\n\nID="debian"\nVERSION_ID=\'13\'\nVERSION_CODENAME=trixie\n')

        then:
        os.id() == 'debian'
        os.release() == '13'
        os.distro() == 'trixie'
        os.isUbuntu()
    }

    def "a Debian derivative is known by ID_LIKE"() {
        when:
        OsRelease os = parse('NAME="Linux Mint"\nID=linuxmint\nID_LIKE="ubuntu debian"\nVERSION_ID="22"\nVERSION_CODENAME=wilma\n')

        then:
        os.packageFormat() == 'deb'
        os.isUbuntu()
        !os.isFedora()
        os.distro() == 'wilma'
    }

    def "a missing os-release file gives an unknown distribution rather than an error"() {
        when:
        OsRelease os = OsRelease.read(dir.resolve('no-such-os-release'))

        then:
        os.vendor() == 'Unknown'
        !os.isUbuntu()
        !os.isFedora()
    }

    def "read parses the file it is given"() {
        given:
        Path file = dir.resolve('os-release')
        file.toFile().text = UBUNTU_NOBLE

        expect:
        OsRelease.read(file) == parse(UBUNTU_NOBLE)
    }
}
