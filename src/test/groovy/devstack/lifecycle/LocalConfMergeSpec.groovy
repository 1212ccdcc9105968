package devstack.lifecycle

import devstack.testkit.Cli
import devstack.testkit.Tree
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** SPEC §3: a realistic DevStack local.conf, stacked; the ini files it produces, byte for byte. */
class LocalConfMergeSpec extends Specification {
    @TempDir
    Path dir

    Tree tree

    def setup() {
        tree = new Tree(dir)
        tree.write('nova_plugins/hypervisor-fake.groovy', new File('nova_plugins/hypervisor-fake.groovy').text)
        tree.hook('50-probe.groovy', '''
if ($1 == 'stack' && $2 == 'extra') {
    new File(PROBE_LOG) << "extra hook sees a=${iniget("$DEST/extra.conf", 'x', 'a')}\\n"
}
if ($1 == 'stack' && $2 == 'post-config') {
    new File(PROBE_LOG) << "post-config hook sees debug=[${iniget(NOVA_CONF, 'DEFAULT', 'debug')}]\\n"
}
''')
    }

    private static final String REALISTIC = '''
ADMIN_PASSWORD=secret
DATABASE_PASSWORD=$ADMIN_PASSWORD
HOST_IP=10.0.0.5
SERVICE_HOST=${SERVICE_HOST:-$HOST_IP}
GLANCE_CONF_DIR=$DEST/etc/glance
VIRT_DRIVER=fake
disable_service template
enable_service n-cpu
'''

    private static final String SECTIONS = '''
[[post-config|$NOVA_CONF]]
[DEFAULT]
debug = True
my_ip = $SERVICE_HOST
[filter_scheduler]
enabled_filters = ComputeFilter
[libvirt]
cpu_mode = none

[[post-config|$GLANCE_CONF_DIR/glance-api.conf]]
[DEFAULT]
# comments and indented lines are skipped
  indented = ignored
workers = 2
[oslo_middleware]
enable_proxy_headers_parsing = True

[[post-config|$NOVA_CONF]]
[pci]
alias = {"name": "a1", "vendor_id": "8086"}
alias = {"name": "a2", "vendor_id": "8087"}

[[extra|$DEST/extra.conf]]
[x]
a = 1

[[post-extra|$DEST/extra.conf]]
[x]
a = 2
b = "quoted \\\\ kept"

[[test-config|$DEST/tempest.conf]]
[compute]
fixed_network_name = private

[[post-config|$UNSET_CONF]]
[a]
b = c
'''

    def "stacking a realistic local.conf produces the ini files DevStack would, byte for byte"() {
        given:
        tree.localConf(REALISTIC, SECTIONS)

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 0
        Files.readString(tree.novaConf) == '''
[DEFAULT]
debug = True
my_ip = 10.0.0.5
quota_key_pairs = -1
quota_security_group_rules = -1
quota_security_groups = -1
quota_injected_file_path_length = -1
quota_injected_files = -1
quota_metadata_items = -1
quota_fixed_ips = -1
quota_floating_ips = -1
quota_ram = -1
quota_cores = -1
quota_instances = -1
compute_driver = fake.FakeDriver

[filter_scheduler]
enabled_filters = ComputeFilter

[libvirt]
cpu_mode = none

[pci]
alias = {"name": "a1", "vendor_id": "8086"}
alias = {"name": "a2", "vendor_id": "8087"}
'''
        Files.readString(tree.dest.resolve('etc/glance/glance-api.conf')) == '''
[DEFAULT]
workers = 2

[oslo_middleware]
enable_proxy_headers_parsing = True
'''
        Files.readString(tree.dest.resolve('extra.conf')) == '''
[x]
b = "quoted \\\\ kept"
a = 2
'''
        Files.readString(tree.dest.resolve('tempest.conf')) == '\n[compute]\nfixed_network_name = private\n'
    }

    def "each group is merged at its point: post-config after its hooks, extra before its hooks"() {
        given:
        tree.localConf(REALISTIC, SECTIONS)

        when:
        Cli.run(tree.root, 'stack')

        then:
        tree.probed() == ['post-config hook sees debug=[]', 'extra hook sees a=1']
    }

    def "a file name that expands to nothing is skipped with a warning naming it"() {
        given:
        tree.localConf(REALISTIC, SECTIONS)

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 0
        run.err.contains(': [[post-config|$UNSET_CONF]]: the file name expands to nothing; skipping it')
    }

    def "a file is created even when its block sets nothing"() {
        given:
        tree.localConf('ENABLED_SERVICES=', "[[post-config|$dir/empty/touched.conf]]\n# nothing yet\n")

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 0
        Files.readString(dir.resolve('empty/touched.conf')) == ''
    }

    def "a malformed block line stops the run before anything changes, naming local.conf and the line"() {
        given:
        tree.localConf('ENABLED_SERVICES=template', "[[post-config|$dir/x.conf]]\n[DEFAULT]\nnot an option\n")
        def line = Files.readAllLines(tree.root.resolve('local.conf')).indexOf('not an option') + 1

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 2
        run.err.contains("local.conf:$line: 'not an option' is not an option line")
        tree.probed().isEmpty()
        !Files.exists(tree.dest)
    }

    def "a file whose directory is a regular file is an error naming the meta-section line"() {
        given:
        Files.writeString(dir.resolve('plain'), 'x')
        tree.localConf('ENABLED_SERVICES=', "[[post-config|$dir/plain/x.conf]]\n[a]\nb = c\n")

        when:
        def run = Cli.run(tree.root, 'stack')

        then:
        run.exitCode == 2
        run.err =~ /local\.conf:\d+: cannot merge into .*plain\/x\.conf: .*plain is not a directory/
    }
}
