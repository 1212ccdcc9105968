package devstack.script

import devstack.testkit.MachinePackages
import devstack.testkit.MachineWide
import devstack.testkit.Cli
import devstack.testkit.Tree
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

import java.nio.file.Files
import java.nio.file.Path

/**
 * create_disk and destroy_disk for real, as root on Debian: a sparse image formatted with XFS, mounted through a
 * loop device and a line in /etc/fstab, then unmounted and removed. mkfs.xfs comes with xfsprogs; when it is
 * missing the spec installs it and removes afterwards exactly the packages it installed. Whatever happens, the
 * disk is unmounted and /etc/fstab is given back its bytes.
 */
@Stepwise
@Requires({ LoopDiskSpec.possible() })
@MachineWide
class LoopDiskSpec extends Specification {
    static final Path FSTAB = Path.of('/etc/fstab')

    /** Made and removed here rather than by @TempDir, so that it goes only after the disk is unmounted. */
    @Shared
    Path dir

    @Shared
    Tree tree
    @Shared
    Path image
    @Shared
    Path mount
    @Shared
    byte[] fstabBefore
    @Shared
    Set<String> packagesBefore

    static boolean possible() {
        System.getProperty('user.name') == 'root' && Files.exists(Path.of('/dev/loop-control'))
                && Files.isExecutable(Path.of('/usr/bin/apt-get'))
    }

    static Map run(String... command) {
        def process = new ProcessBuilder(command).redirectErrorStream(true).start()
        String output = process.inputStream.text
        [exit: process.exitCode(), out: output]
    }

    static boolean mounted(Path dir) {
        Files.readAllLines(Path.of('/proc/mounts')).any { it.split(' ')[1] == dir.toString() }
    }

    def setupSpec() {
        fstabBefore = Files.readAllBytes(FSTAB)
        packagesBefore = MachinePackages.installed()
        if (!Files.isExecutable(Path.of('/usr/sbin/mkfs.xfs'))) {
            def install = { run('env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '--assume-yes',
                    '--no-install-recommends', 'xfsprogs') }
            if (install().exit != 0) {
                assert run('apt-get', 'update').exit == 0
                def second = install()
                assert second.exit == 0: second.out
            }
        }
        dir = Files.createTempDirectory('devstack-loop-disk')
        tree = new Tree(dir.resolve('tree'))
        image = dir.resolve('images/disk.img')
        mount = dir.resolve('mnt')
    }

    def cleanupSpec() {
        if (mount != null && mounted(mount)) {
            run('umount', mount.toString())
        }
        if (fstabBefore != null && Files.readAllBytes(FSTAB) != fstabBefore) {
            Files.write(FSTAB, fstabBefore)
        }
        if (dir != null && !(mount != null && mounted(mount))) {
            dir.toFile().deleteDir()
        }
        if (packagesBefore != null) {
            MachinePackages.restore(packagesBefore) // xfsprogs and what came with it, if this spec installed them
        }
    }

    def "create_disk formats an image with XFS and mounts it on a loop device through /etc/fstab"() {
        when:
        def cli = tree.unstackWith("create_disk '$image', '$mount', '512M'", 'ENABLED_SERVICES=')

        then:
        cli.exitCode == 0
        mounted(mount)
        Files.readAllLines(Path.of('/proc/mounts')).find { it.split(' ')[1] == mount.toString() }.split(' ')[2] == 'xfs'
        run('losetup', '--associated', image.toString()).out.contains(image.toString())
        Files.readString(FSTAB).endsWith("$image $mount xfs loop,noatime,nodiratime,logbufs=8,comment=$image 0 0\n")
        Files.readString(FSTAB).startsWith(new String(fstabBefore))

        when:
        Files.writeString(mount.resolve('object'), 'stored on the disk')

        then:
        Files.readString(mount.resolve('object')) == 'stored on the disk'
    }

    def "create_disk again makes the disk anew, and /etc/fstab still has one line for it"() {
        when:
        def cli = tree.unstackWith("create_disk '$image', '$mount', '512M'", 'ENABLED_SERVICES=')

        then:
        cli.exitCode == 0
        mounted(mount)
        !Files.exists(mount.resolve('object'))
        Files.readAllLines(FSTAB).count { it.contains("comment=$image") } == 1
    }

    def "destroy_disk unmounts it, detaches the loop device, and leaves /etc/fstab as it was"() {
        when:
        def cli = tree.unstackWith("destroy_disk '$image', '$mount'", 'ENABLED_SERVICES=')

        then:
        cli.exitCode == 0
        !mounted(mount)
        !Files.exists(image)
        run('losetup', '--associated', image.toString()).out.trim().isEmpty()
        Files.readAllBytes(FSTAB) == fstabBefore
    }
}
