package devstack.plugintest;

import devstack.system.OsRelease;
import java.util.List;

/** The distributions a plugin test can pretend to run on, each as its {@code /etc/os-release} says. */
public enum Distro {
    DEBIAN_12("""
            PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
            NAME="Debian GNU/Linux"
            VERSION_ID="12"
            VERSION="12 (bookworm)"
            VERSION_CODENAME=bookworm
            ID=debian
            """),
    UBUNTU_22_04("""
            PRETTY_NAME="Ubuntu 22.04.4 LTS"
            NAME="Ubuntu"
            VERSION_ID="22.04"
            VERSION="22.04.4 LTS (Jammy Jellyfish)"
            VERSION_CODENAME=jammy
            ID=ubuntu
            ID_LIKE=debian
            UBUNTU_CODENAME=jammy
            """),
    UBUNTU_24_04("""
            PRETTY_NAME="Ubuntu 24.04.1 LTS"
            NAME="Ubuntu"
            VERSION_ID="24.04"
            VERSION="24.04.1 LTS (Noble Numbat)"
            VERSION_CODENAME=noble
            ID=ubuntu
            ID_LIKE=debian
            UBUNTU_CODENAME=noble
            """),
    FEDORA_40("""
            NAME="Fedora Linux"
            VERSION="40 (Server Edition)"
            ID=fedora
            VERSION_ID=40
            VERSION_CODENAME=""
            PRETTY_NAME="Fedora Linux 40 (Server Edition)"
            """),
    CENTOS_STREAM_9("""
            NAME="CentOS Stream"
            VERSION="9"
            ID="centos"
            ID_LIKE="rhel fedora"
            VERSION_ID="9"
            PRETTY_NAME="CentOS Stream 9"
            """);

    private final String osRelease;

    Distro(String osRelease) {
        this.osRelease = osRelease;
    }

    /** The text of its {@code /etc/os-release}. */
    public String osRelease() {
        return osRelease;
    }

    OsRelease release() {
        return OsRelease.parse(List.of(osRelease.split("\n")));
    }
}
