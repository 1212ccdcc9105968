package devstack.script

import devstack.plugintest.PluginTest
import devstack.testkit.Cli
import devstack.testkit.Tree
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * create_disk and destroy_disk as the plugin test kit records them, with DevStack's steps, and in a dry run. The
 * real loop device is {@link LoopDiskSpec}'s.
 */
class DiskHelpersSpec extends Specification {
    static final String IMAGE = '/opt/stack/data/swift/drives/images/swift.img'
    static final String MOUNT = '/opt/stack/data/swift/drives/sdb1'
    static final String LINE = "$IMAGE $MOUNT xfs loop,noatime,nodiratime,logbufs=8,comment=$IMAGE 0 0"

    @TempDir
    Path dir

    PluginTest hook(String body) {
        Path file = dir.resolve('50-disk.groovy')
        Files.writeString(file, "if (\$1 == 'stack' && \$2 == 'install') {\n$body\n}\n")
        PluginTest.hook(file)
    }

    def "create_disk makes an XFS image and mounts it through /etc/fstab, as DevStack's: #who"() {
        given:
        def test = hook("create_disk '$IMAGE', '$MOUNT', '2G'").file('/etc/fstab', '# the machine\'s own\n')
        if (!root) {
            test.asUser()
        }
        if (systemd) {
            test.directory('/run/systemd/system')
        }

        when:
        def run = test.stack()

        then:
        run.succeeded()
        run.directoriesCreated().containsAll([MOUNT, '/opt/stack/data/swift/drives/images'])
        run.commands() == commands.collect { (root ? '' : 'sudo ') + it }
        run.file('/etc/fstab') == "# the machine's own\n$LINE\n"
        run.mode('/etc/fstab') == '0644'

        where:
        who                 | root  | systemd || commands
        'root, systemd'     | true  | true    || ["truncate -s 2G $IMAGE", "mkfs.xfs -f -i size=1024 $IMAGE", 'systemctl daemon-reload', "mount -v $MOUNT"]
        'root, no systemd'  | true  | false   || ["truncate -s 2G $IMAGE", "mkfs.xfs -f -i size=1024 $IMAGE", "mount -v $MOUNT"]
        'a user with sudo'  | false | false   || ["truncate -s 2G $IMAGE", "mkfs.xfs -f -i size=1024 $IMAGE", "mount -v $MOUNT"]
    }

    def "create_disk of a disk an earlier run left mounted unmounts it and makes it anew, with one fstab line"() {
        // The earlier run was an older DevStack's, whose line had nobarrier, which kernels since 4.19 refuse.
        when:
        def run = hook("create_disk '$IMAGE', '$MOUNT', '2G'")
                .file('/proc/mounts', "/dev/sda1 / ext4 rw 0 0\n/dev/loop3 $MOUNT xfs rw,noatime 0 0\n")
                .file(IMAGE, 'an old image')
                .file('/etc/fstab', "/dev/sda1 / ext4 defaults 0 1\n${LINE.replace('nodiratime,', 'nodiratime,nobarrier,')}\n")
                .stack()

        then:
        run.succeeded()
        run.commands().first() == "umount $MOUNT"
        run.removed() == [IMAGE]
        run.file('/etc/fstab') == "/dev/sda1 / ext4 defaults 0 1\n$LINE\n"
    }

    def "destroy_disk unmounts the disk, removes its fstab line and the image, and leaves other lines alone"() {
        when:
        def run = hook("destroy_disk '$IMAGE', '$MOUNT'")
                .file('/proc/mounts', "/dev/loop3 $MOUNT xfs rw 0 0\n")
                .file(IMAGE, 'image')
                .file('/etc/fstab', "/dev/sda1 / ext4 defaults 0 1\n$LINE\n/srv/other.img /srv/other xfs loop,comment=/srv/other.img 0 0\n")
                .stack()

        then:
        run.succeeded()
        run.commands() == ["umount $MOUNT"]
        run.removed() == [IMAGE]
        run.file('/etc/fstab') == "/dev/sda1 / ext4 defaults 0 1\n/srv/other.img /srv/other xfs loop,comment=/srv/other.img 0 0\n"
    }

    def "destroy_disk of a disk that is not there does nothing"() {
        when:
        def run = hook("destroy_disk '$IMAGE', '$MOUNT'").file('/etc/fstab', '# nothing of ours\n').stack()

        then:
        run.succeeded()
        run.commands().empty
        run.removed().empty
        run.filesWritten().empty
    }

    def "create_disk refuses #what before anything runs"() {
        when:
        def run = hook(call).stack()

        then:
        !run.succeeded()
        run.failure().get().message.contains(message)
        run.commands().empty
        !run.directoriesCreated().any { it.startsWith('/srv') }

        where:
        what                | call                                              || message
        'a relative image'  | "create_disk 'swift.img', '/srv/d', '1G'"          || "create_disk: the disk image 'swift.img' is not an absolute path"
        'a blank in a path' | "create_disk '/srv/my disk.img', '/srv/d', '1G'"   || "create_disk: the disk image '/srv/my disk.img' has a blank or a comma"
        'a comma in a path' | "create_disk '/srv/d.img', '/srv/a,b', '1G'"      || "create_disk: the mount point '/srv/a,b' has a blank or a comma"
        'a size of nothing' | "create_disk '/srv/d.img', '/srv/d', '0'"         || "create_disk: '0' is not a size"
        'a relative size'   | "create_disk '/srv/d.img', '/srv/d', '+1G'"       || "create_disk: '+1G' is not a size"
        'a word for a size' | "create_disk '/srv/d.img', '/srv/d', 'big'"       || "create_disk: 'big' is not a size"
    }

    def "create_disk without mkfs.xfs stops the run saying to install xfsprogs"() {
        when:
        def run = hook("create_disk '$IMAGE', '$MOUNT', '1G'").answerChange('mkfs\\.xfs .*', 127, 'mkfs.xfs: not found').stack()

        then:
        !run.succeeded()
        run.failure().get().message == "create_disk: mkfs.xfs is not installed; install xfsprogs first " +
                "(install_package 'xfsprogs', or list it in files/debs/<service>)"
        !run.commands().any { it.startsWith('mount') }
    }

    def "a dry run prints create_disk's commands and the change to /etc/fstab, and changes nothing"() {
        given:
        Tree tree = new Tree(dir.resolve('tree'))
        String image = dir.resolve('images/disk.img')
        String mount = dir.resolve('mnt')
        tree.hook('50-disk.groovy', "if (\$1 == 'stack' && \$2 == 'install') { create_disk '$image', '$mount', '512M' }")
        tree.localConf('ENABLED_SERVICES=')
        byte[] fstab = Files.exists(Path.of('/etc/fstab')) ? Files.readAllBytes(Path.of('/etc/fstab')) : null

        when:
        def run = Cli.run(tree.root, 'stack', '--dry-run')

        then:
        run.exitCode == 0
        run.out.contains("[dry-run] would create directory $mount\n")
        run.out.contains("[dry-run] would run: truncate -s 512M $image\n")
        run.out.contains("[dry-run] would run: mkfs.xfs -f -i size=1024 $image\n")
        run.out.contains("+$image $mount xfs loop,noatime,nodiratime,logbufs=8,comment=$image 0 0\n")
        run.out.contains("[dry-run] would run: mount -v $mount\n")
        !Files.exists(Path.of(mount))
        !Files.exists(Path.of(image))
        (Files.exists(Path.of('/etc/fstab')) ? Files.readAllBytes(Path.of('/etc/fstab')) : null) == fstab
    }
}
