package devstack.testkit

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * The machine's installed packages, for specs that install real ones: they run only where their packages are
 * absent (what is installed already is never touched), and afterwards remove exactly what came with them (the
 * packages and the dependencies apt pulled in), so the machine is left as it was found.
 */
class MachinePackages {
    /** Every bounded wait here: apt may wait for its lock, and a busy machine is slow. */
    static final long TIMEOUT_MINUTES = 10

    static boolean rootOnDebian() {
        System.getProperty('user.name') == 'root' && Files.isExecutable(Path.of('/usr/bin/apt-get'))
    }

    /** The installed packages (name, and :arch where dpkg shows one). */
    static Set<String> installed() {
        def process = new ProcessBuilder('dpkg-query', '--show', '--showformat=${binary:Package}\\t${Status}\\n')
                .redirectErrorStream(true).start()
        String output = process.inputStream.text
        assert process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES) && process.exitValue() == 0: output
        output.readLines().findAll { it.endsWith(' installed') && !it.contains('not-installed') }
                .collect { it.split('\t')[0] } as Set
    }

    /**
     * True when none of {@code names} is installed; looked at under the machine-wide lock, so that a spec in the
     * other JVM installing them for a moment does not make this one skip.
     */
    static boolean absent(String... names) {
        rootOnDebian() && MachineWideExtension.hold("the look at ${names.join(', ')}") {
            installed().every { installedName -> !names.any { installedName == it || installedName.startsWith(it + ':') } }
        }
    }

    /** Purges what is installed now and was not in {@code before}; nothing else. */
    static void restore(Set<String> before) {
        def added = (installed() - before) as List
        if (added) {
            def process = new ProcessBuilder(['env', 'DEBIAN_FRONTEND=noninteractive', 'SUDO_FORCE_REMOVE=yes',
                    'apt-get', '--option', 'DPkg::Lock::Timeout=600', 'purge', '--assume-yes'] + added)
                    .redirectErrorStream(true).start()
            String output = process.inputStream.text
            assert process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES) && process.exitValue() == 0:
                    "could not remove $added again:\n$output"
        }
        def left = installed() - before
        assert left.isEmpty(): "still installed after the spec: $left"
    }
}
