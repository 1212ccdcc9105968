package devstack.testkit

import java.nio.file.Files
import java.nio.file.Path

/**
 * A plugin tree in a temporary directory: extras.d hooks, hypervisor plugins, libraries and a local.conf whose
 * DEST and NOVA_CONF point inside the tree, so that a run never touches the machine's /opt/stack or /etc/nova.
 */
class Tree {
    final Path root

    Tree(Path root) {
        this.root = root
        Files.createDirectories(root.resolve('extras.d'))
        Files.createDirectories(root.resolve('nova_plugins'))
    }

    Path getDest() { root.resolve('dest') }

    Path getNovaConf() { root.resolve('etc/nova/nova.conf') }

    /** Where the probes record what they received, one line per call. */
    Path getProbeLog() { root.resolve('probe.log') }

    Tree hook(String name, String text) { write("extras.d/$name", text) }

    Tree hypervisor(String driver, String text) { write("nova_plugins/hypervisor-${driver}.groovy", text) }

    Tree library(String name, String text) { write("lib/$name", text) }

    /** A local.conf whose localrc body holds the tree's own DEST and NOVA_CONF, then {@code localrc}. */
    Tree localConf(String localrc = '', String moreSections = '') {
        write('local.conf', """[[local|localrc]]
DEST=$dest
NOVA_CONF=$novaConf
VERBOSE=False
PROBE_LOG=$probeLog
$localrc
$moreSections""")
    }

    Tree write(String relative, String text) {
        Path file = root.resolve(relative)
        Files.createDirectories(file.parent)
        Files.writeString(file, text)
        this
    }

    /** Runs {@code body} in a hook at the unstack phase of a real CLI run, with {@code localrc}; returns the run. */
    Cli unstackWith(String body, String localrc) {
        hook('50-under-test.groovy', "if (\$1 == 'unstack') {\n$body\n}\n")
        localConf(localrc)
        Cli.run(root, 'unstack')
    }

    /** A hook that records every $1 $2 it receives. */
    Tree probeHook(String name = '50-probe.groovy') {
        hook(name, '''new File(PROBE_LOG) << "hook ${$1} ${$2}".trim() + '\\n'\n''')
    }

    /** A hypervisor plugin that records its loading and every function called. */
    Tree probeHypervisor(String driver = 'probe') {
        hypervisor(driver, '''
new File(PROBE_LOG) << 'hypervisor loaded\\n'
def install_nova_hypervisor() { new File(PROBE_LOG) << 'hypervisor install_nova_hypervisor\\n' }
def configure_nova_hypervisor() { new File(PROBE_LOG) << 'hypervisor configure_nova_hypervisor\\n' }
def start_nova_hypervisor() { new File(PROBE_LOG) << 'hypervisor start_nova_hypervisor\\n' }
def stop_nova_hypervisor() { new File(PROBE_LOG) << 'hypervisor stop_nova_hypervisor\\n' }
def cleanup_nova_hypervisor() { new File(PROBE_LOG) << 'hypervisor cleanup_nova_hypervisor\\n' }
''')
    }

    /** What the probes recorded, one entry per line; empty when nothing ran. */
    List<String> probed() {
        Files.exists(probeLog) ? Files.readAllLines(probeLog) : []
    }

    void clearProbe() {
        Files.deleteIfExists(probeLog)
    }
}
