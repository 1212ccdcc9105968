package devstack.script;

import groovy.lang.Closure;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The base class of every plugin script: DevStack's helper library, named as in DevStack and called the Groovy
 * way ({@code install_package 'cowsay'}, {@code iniset NOVA_CONF, 'DEFAULT', 'debug', 'True'}). This one typed
 * class is what IDEs complete and what {@code docs/helpers.md} describes; each helper delegates to the group of
 * its capability (console, services, commands, packages, ini, processes, distribution, system, plugins), and every
 * effect goes through the run's machine. A call to a function that the script does not define itself is looked
 * up among the functions other plugins defined.
 */
public abstract class PluginScript extends ScriptSupport {
    /** A function name as Groovy and bash both accept it. */
    private static final Pattern FUNCTION = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** echo_summary: a line that says what the run is doing. Usage: {@code echo_summary "Installing Template"} */
    public void echo_summary(Object... message) {
        hostHelpers().console.echo_summary(message);
    }

    /** echo_nolog: a line for the console only, never the log. Usage: {@code echo_nolog "progress"} */
    public void echo_nolog(Object... message) {
        hostHelpers().console.echo_nolog(message);
    }

    /** warn: a warning naming the plugin file and line. Usage: {@code warn "disk almost full"} */
    public void warn(Object... message) {
        hostHelpers().console.warn(message);
    }

    /**
     * err: an error line naming the plugin file and line, also appended to {@code $LOGDIR/error.log}; the run goes
     * on. Usage: {@code err "could not reach the mirror"}
     */
    public void err(Object... message) {
        hostHelpers().console.err(message);
    }

    /** die: stops the run with a message; the report names this plugin's file and line. Usage: {@code die "bad"} */
    public void die(Object... message) {
        hostHelpers().console.die(message);
    }

    /**
     * die_if_not_set: stops the run when the variable named {@code name} is unset or empty.
     * Usage: {@code die_if_not_set 'HOST_IP', 'HOST_IP must be set to this machine's address'}
     */
    public void die_if_not_set(String name, Object... message) {
        hostHelpers().console.die_if_not_set(name, message);
    }

    /**
     * deprecated: warns that something is deprecated, now and again at the end of stack.
     * Usage: {@code deprecated 'TEMPLATE_OLD is deprecated, use TEMPLATE_NEW'}
     */
    public void deprecated(Object... message) {
        hostHelpers().console.deprecated(message);
    }

    /**
     * trueorfalse: normalises the setting named {@code name} to {@code True} or {@code False}; any other value gives
     * {@code defaultValue}. Usage: {@code if (trueorfalse('False', 'RECLONE') == 'True') { ... }}
     */
    public String trueorfalse(String defaultValue, String name) {
        return hostHelpers().console.trueorfalse(defaultValue, name);
    }

    /** is_service_enabled: true if any named service is enabled. Usage: {@code is_service_enabled('n-cpu', 'n-api')} */
    public boolean is_service_enabled(String... services) {
        return hostHelpers().services.is_service_enabled(services);
    }

    /** enable_service: adds services to ENABLED_SERVICES. Usage: {@code enable_service 'template'} */
    public void enable_service(String... services) {
        hostHelpers().services.enable_service(services);
    }

    /** disable_service: removes services and keeps them off. Usage: {@code disable_service 'n-novnc'} */
    public void disable_service(String... services) {
        hostHelpers().services.disable_service(services);
    }

    /** disable_all_services: empties ENABLED_SERVICES. Usage: {@code disable_all_services()} */
    public void disable_all_services() {
        hostHelpers().services.disable_all_services();
    }

    /** source: runs a library so that its functions become callable. Usage: {@code source "$TOP_DIR/lib/template"} */
    public void source(String path) {
        hostHelpers().commands.source(path);
    }

    /**
     * sh: runs a shell command, logs its output, returns its stdout, fails the run on a non-zero exit. The command
     * sees the settings and globals as environment variables, so a bash line ports as it is:
     * {@code sh 'mkdir -p $DEST/x'}.
     */
    public String sh(String command) {
        return hostHelpers().commands.sh(command);
    }

    /**
     * sudo: {@link #sh} as root (through {@code sudo -E} unless the run already is root), with the same environment.
     * Usage: {@code sudo 'mkdir -p /etc/template'}
     */
    public String sudo(String command) {
        return hostHelpers().commands.sudo(command);
    }

    /**
     * succeeds: runs a read-only shell command and tells whether it exited 0 (bash's {@code if cmd; then}). The
     * author declares it read-only, so it runs in a dry run too; it never fails the run. Not in DevStack.
     * Usage: {@code if (!succeeds('getent group libvirt')) { sh 'groupadd libvirt' }}
     */
    public boolean succeeds(String command) {
        return hostHelpers().commands.succeeds(command);
    }

    /**
     * query: runs a read-only shell command and returns its standard output without trailing newlines, whatever
     * its exit code (bash's {@code $(cmd)}). Declared read-only, it runs in a dry run too. Not in DevStack.
     * Usage: {@code def domains = query('virsh list --name')}
     */
    public String query(String command) {
        return hostHelpers().commands.query(command);
    }

    /**
     * try_sh: runs a shell command that may change the machine and returns its exit code and output instead of
     * stopping the run when it fails (bash's {@code if ! cmd; then}). A dry run plans it and answers success. Not in
     * DevStack. Usage: {@code if (!try_sh('modprobe kvm')) { warn 'no kvm module' }}
     */
    public ShellResult try_sh(String command) {
        return hostHelpers().commands.try_sh(command);
    }

    /**
     * try_sudo: {@link #try_sh} as root (through {@code sudo -E} unless the run already is root). Not in DevStack.
     * Usage: {@code def r = try_sudo('virsh net-destroy default'); if (r.exitCode != 0) { println r.output }}
     */
    public ShellResult try_sudo(String command) {
        return hostHelpers().commands.try_sudo(command);
    }

    /**
     * write_file: writes a whole file atomically (what a bash plugin does with {@code cat > file <<EOF}); a dry run
     * shows it as a diff instead. Not in DevStack. Usage: {@code write_file "$DEST/x.sh", text, '755'}
     */
    public void write_file(String path, Object content, String mode) {
        hostHelpers().files.write_file(path, content, mode);
    }

    /** write_file without a mode: a new file gets 0644, an existing one keeps its own. */
    public void write_file(String path, Object content) {
        hostHelpers().files.write_file(path, content);
    }

    /**
     * write_file '-sudo': through sudo where the run may not write the file itself (what
     * {@code cat <<EOF | sudo tee file} does). Usage: {@code write_file '-sudo', '/etc/foo/foo.conf', text, '0640'}
     * (the mode may be left out)
     */
    public void write_file(String sudo, String path, Object content, String mode) {
        hostHelpers().files.write_file(sudo, path, content, mode);
    }

    /**
     * append_file: adds text at the end of a file, creating it (0644) when missing (what {@code sudo tee -a} does);
     * the text is added as given, so end a line with a newline. Not in DevStack.
     * Usage: {@code append_file "$DEST/notes.txt", "one more line\n"}
     */
    public void append_file(String path, Object content) {
        hostHelpers().files.append_file(path, content);
    }

    /**
     * append_file '-sudo': through sudo where the run may not write the file itself.
     * Usage: {@code append_file '-sudo', '/etc/modules', "kvm\n"}
     */
    public void append_file(String sudo, String path, Object content) {
        hostHelpers().files.append_file(sudo, path, content);
    }

    /**
     * mktemp: makes a new, private temporary file in {@code $TMPDIR} (or {@code /tmp}) and returns its path; a dry
     * run plans it. Usage: {@code def conf = mktemp()}
     */
    public String mktemp() {
        return hostHelpers().files.mktemp();
    }

    /** mktemp '-d': a new, private temporary directory. Usage: {@code def dir = mktemp('-d')} */
    public String mktemp(String option) {
        return hostHelpers().files.mktemp(option);
    }

    /**
     * create_disk: creates an XFS disk image of {@code size} (as truncate takes it) and mounts it on {@code dir}
     * through a loop device and a line in /etc/fstab. Usage:
     * {@code create_disk "$SWIFT_DATA_DIR/drives/images/swift.img", "$SWIFT_DATA_DIR/drives/sdb1", '2G'}
     */
    public void create_disk(String image, String dir, Object size) {
        hostHelpers().disks.create_disk(image, dir, size);
    }

    /**
     * destroy_disk: unmounts a disk that create_disk made, removes its line from /etc/fstab and deletes the image.
     * Usage: {@code destroy_disk "$SWIFT_DATA_DIR/drives/images/swift.img", "$SWIFT_DATA_DIR/drives/sdb1"}
     */
    public void destroy_disk(String image, String dir) {
        hostHelpers().disks.destroy_disk(image, dir);
    }

    /** install_package: installs packages not installed yet. Usage: {@code install_package 'cowsay', 'jq'} */
    public void install_package(String... packages) {
        hostHelpers().packages.install_package(packages);
    }

    /** uninstall_package: removes installed packages. Usage: {@code uninstall_package 'cowsay'} */
    public void uninstall_package(String... packages) {
        hostHelpers().packages.uninstall_package(packages);
    }

    /** is_package_installed: true if every named package is installed. Usage: {@code is_package_installed 'jq'} */
    public boolean is_package_installed(String... packages) {
        return hostHelpers().packages.is_package_installed(packages);
    }

    /**
     * update_package_repo: refreshes the package repositories, once per run (again only when {@code force}).
     * Usage: {@code update_package_repo()}
     */
    public void update_package_repo(boolean force) {
        hostHelpers().packages.update_package_repo(force);
    }

    /** update_package_repo: refreshes the package repositories once per run. Usage: {@code update_package_repo()} */
    public void update_package_repo() {
        hostHelpers().packages.update_package_repo();
    }

    /**
     * get_packages: the packages the prerequisite lists of the given services name (one comma-separated
     * argument, as DevStack's). Usage: {@code install_package(*get_packages('template,n-cpu'))}
     */
    public List<String> get_packages(String services) {
        return hostHelpers().packages.get_packages(services);
    }

    /** is_ubuntu: true on a deb-based distribution (Debian, Ubuntu). */
    public boolean is_ubuntu() {
        return hostHelpers().packages.is_ubuntu();
    }

    /** is_fedora: true on the Fedora / Red Hat family. */
    public boolean is_fedora() {
        return hostHelpers().packages.is_fedora();
    }

    /** iniset: sets an option. Usage: {@code iniset NOVA_CONF, 'DEFAULT', 'compute_driver', 'fake.FakeDriver'} */
    @Arguments(value = {"file", "section", "option", "value"}, flag = "-sudo")
    public void iniset(Object... args) {
        hostHelpers().ini.iniset(args);
    }

    /** iniget: the value of an option, '' when missing. Usage: {@code iniget NOVA_CONF, 'DEFAULT', 'debug'} */
    @Arguments(value = {"file", "section", "option"}, flag = "-sudo")
    public String iniget(Object... args) {
        return hostHelpers().ini.iniget(args);
    }

    /** iniget_multiline: every value of a multi-line option, blank-separated. */
    @Arguments(value = {"file", "section", "option"}, flag = "-sudo")
    public String iniget_multiline(Object... args) {
        return hostHelpers().ini.iniget_multiline(args);
    }

    /** ini_has_option: true if the option is set in the section (an empty value counts). */
    @Arguments(value = {"file", "section", "option"}, flag = "-sudo")
    public boolean ini_has_option(Object... args) {
        return hostHelpers().ini.ini_has_option(args);
    }

    /** inicomment: comments out an option. Usage: {@code inicomment file, 'DEFAULT', 'debug'} */
    @Arguments(value = {"file", "section", "option"}, flag = "-sudo")
    public void inicomment(Object... args) {
        hostHelpers().ini.inicomment(args);
    }

    /** iniuncomment: restores a commented-out option. Usage: {@code iniuncomment file, 'DEFAULT', 'debug'} */
    @Arguments(value = {"file", "section", "option"}, flag = "-sudo")
    public void iniuncomment(Object... args) {
        hostHelpers().ini.iniuncomment(args);
    }

    /** inidelete: removes an option. Usage: {@code inidelete file, 'DEFAULT', 'debug'} */
    @Arguments(value = {"file", "section", "option"}, flag = "-sudo")
    public void inidelete(Object... args) {
        hostHelpers().ini.inidelete(args);
    }

    /** iniset_multiline: sets a multi-line option. Usage: {@code iniset_multiline file, 'S', 'opt', 'a', 'b'} */
    @Arguments(value = {"file", "section", "option", "values..."}, flag = "-sudo")
    public void iniset_multiline(Object... args) {
        hostHelpers().ini.iniset_multiline(args);
    }

    /** iniadd: adds values to a multi-line option. Usage: {@code iniadd file, 'S', 'opt', 'c'} */
    @Arguments(value = {"file", "section", "option", "values..."}, flag = "-sudo")
    public void iniadd(Object... args) {
        hostHelpers().ini.iniadd(args);
    }

    /** iniadd_literal: adds one more line for an option at the top of an existing section. */
    @Arguments(value = {"file", "section", "option", "value"}, flag = "-sudo")
    public void iniadd_literal(Object... args) {
        hostHelpers().ini.iniadd_literal(args);
    }

    /** iniget_sections: the section names of a file, in order. Usage: {@code iniget_sections NOVA_CONF} */
    @Arguments(value = {"file"}, flag = "-sudo")
    public List<String> iniget_sections(Object... args) {
        return hostHelpers().ini.iniget_sections(args);
    }

    /**
     * run_process: starts a long-running process for a service, if the service is enabled.
     * Usage: {@code run_process 'demo', "$DEMO_DIR/demo-service.sh 5"}
     *
     * <p>The command runs through {@code /bin/sh -c}, detached, in a process group of its own, with empty standard
     * input and its output appended to {@code $LOGDIR/<service>.log}; its pid goes to
     * {@code $SERVICE_DIR/<service>.pid}. A process of the service still running is stopped first. The run fails if
     * the program is not found or the process exits within its first second (with the last lines of its log).
     */
    public void run_process(String service, String command) {
        hostHelpers().processes.run_process(service, command);
    }

    /**
     * run_process with a group: the command runs with {@code sg GROUP -c}.
     * Usage: {@code run_process 'x', cmd, 'libvirt'}
     */
    public void run_process(String service, String command, String group) {
        hostHelpers().processes.run_process(service, command, group);
    }

    /**
     * run_process as another user ({@code runuser} as root, {@code sudo} otherwise); {@code ''} for no group.
     * Usage: {@code run_process 'x', cmd, '', STACK_USER}
     */
    public void run_process(String service, String command, String group, String user) {
        hostHelpers().processes.run_process(service, command, group, user);
    }

    /**
     * run_process with {@code NAME=value} words added to the process's environment.
     * Usage: {@code run_process 'x', cmd, '', '', 'PYTHONUNBUFFERED=1 LANG=C'}
     */
    public void run_process(String service, String command, String group, String user, String env) {
        hostHelpers().processes.run_process(service, command, group, user, env);
    }

    /**
     * run_process with the command as its words, program first: each word reaches the program as it is (blanks,
     * quotes, {@code $}), so paths from settings are safe. Not in DevStack.
     * Usage: {@code run_process 'demo', [DEMO_BIN, DEMO_INTERVAL, "$DEMO_DIR/heartbeat"]}
     */
    public void run_process(String service, List<?> command) {
        hostHelpers().processes.run_process(service, command, "", "", "");
    }

    /** run_process with the command as its words, and a group, a user and environment words as above. */
    public void run_process(String service, List<?> command, String group, String user, String env) {
        hostHelpers().processes.run_process(service, command, group, user, env);
    }

    /**
     * stop_process: stops the process of a service and its whole process group, and removes its pid file.
     * Usage: {@code stop_process 'demo'}
     *
     * <p>SIGTERM first, SIGKILL after a few seconds. A pid file whose process is gone, or whose pid now belongs to
     * another program, is only removed, with a warning. The service need not be enabled any more.
     */
    public void stop_process(String service) {
        hostHelpers().processes.stop_process(service);
    }

    /**
     * service_check: fails the run naming every enabled service whose process has died, with the last lines of
     * each one's log. Usage: {@code service_check()}
     */
    public void service_check() {
        hostHelpers().processes.service_check();
    }

    /**
     * is_running: true if the command line of any process contains {@code name} (DevStack's {@code ps | grep}).
     * Usage: {@code if (is_running('demo-service')) { ... }}
     */
    public boolean is_running(String name) {
        return hostHelpers().processes.is_running(name);
    }

    /**
     * GetOSVersion: sets {@code os_VENDOR}, {@code os_RELEASE}, {@code os_CODENAME}, {@code os_PACKAGE} (and
     * {@code DISTRO}) from {@code /etc/os-release}. Usage: {@code GetOSVersion()}
     * <p>
     * Every plugin sees these variables from the start of the run, so the call is only needed by code ported
     * line by line from bash.
     */
    public void GetOSVersion() {
        hostHelpers().distro.GetOSVersion();
    }

    /**
     * GetDistro: sets {@code DISTRO} (and the os_* variables) and returns it: the codename on Debian and Ubuntu,
     * {@code f<release>} on Fedora, {@code rhel<major>} on the Red Hat family. Usage: {@code GetDistro()}
     */
    public String GetDistro() {
        return hostHelpers().distro.GetDistro();
    }

    /** is_arch: true if the machine's architecture ({@code uname -m}) is {@code arch}. Usage: {@code is_arch 'x86_64'} */
    public boolean is_arch(String arch) {
        return hostHelpers().distro.is_arch(arch);
    }

    /**
     * is_suse: always false. DevStack dropped SUSE; the helper stays for plugins that still ask.
     * Usage: {@code if (is_suse()) { ... }}
     */
    public boolean is_suse() {
        return hostHelpers().distro.is_suse();
    }

    /**
     * exit_distro_not_supported: stops the run with {@code Support for $DISTRO is incomplete[: no support for
     * WHAT]}. Usage: {@code exit_distro_not_supported 'installing libvirt'}
     */
    public void exit_distro_not_supported(Object... what) {
        hostHelpers().distro.exit_distro_not_supported(what);
    }

    /**
     * running_in_container: true inside a container (Docker's /.dockerenv, Podman's /run/.containerenv, or what
     * {@code systemd-detect-virt --container} says). Usage: {@code if (!running_in_container()) { ... }}
     */
    public boolean running_in_container() {
        return hostHelpers().distro.running_in_container();
    }

    /**
     * apt_get: runs {@code apt-get OP ARGS…} non-interactively as root, keeping local config files
     * ({@code --force-confold}); nothing with {@code OFFLINE=True} or without arguments.
     * Usage: {@code apt_get 'install', 'cowsay', 'jq'}
     * <p>
     * Each argument is split on blanks (like bash's unquoted {@code $PACKAGES}). A failure stops the run.
     */
    public void apt_get(Object... args) {
        hostHelpers().distro.apt_get(args);
    }

    /**
     * apt_get_update: runs {@code apt-get update} once per run (again when {@code RETRY_UPDATE=True}), retrying
     * every 30 s for up to 300 s; nothing with {@code OFFLINE=True}. Usage: {@code apt_get_update()}
     */
    public void apt_get_update() {
        hostHelpers().distro.apt_get_update();
    }

    /**
     * yum_install: runs {@code dnf install -y PACKAGES…} as root (the name is DevStack's); nothing with
     * {@code OFFLINE=True} or without packages. Usage: {@code yum_install 'cowsay'}
     */
    public void yum_install(Object... packages) {
        hostHelpers().distro.yum_install(packages);
    }

    /**
     * start_service: starts a system service as root, through systemctl when systemd runs the machine, else
     * {@code service NAME start}. Usage: {@code start_service 'apache2'}
     */
    public void start_service(String name) {
        hostHelpers().system.start_service(name);
    }

    /**
     * stop_service: stops a system service as root ({@code systemctl stop NAME} or {@code service NAME stop}).
     * Usage: {@code stop_service 'apache2'}
     */
    public void stop_service(String name) {
        hostHelpers().system.stop_service(name);
    }

    /**
     * restart_service: restarts a system service as root ({@code systemctl restart NAME} or
     * {@code service NAME restart}). Usage: {@code restart_service 'apache2'}
     */
    public void restart_service(String name) {
        hostHelpers().system.restart_service(name);
    }

    /**
     * wait_for_service: waits up to {@code timeout} seconds for an http(s) URL to answer; true if it did, false
     * if not (the run goes on, as DevStack's returns non-zero). Usage:
     * {@code if (!wait_for_service(SERVICE_TIMEOUT, "http://$SERVICE_HOST:8080/")) { die 'foo did not start' }}
     * <p>
     * Any HTTP answer counts except 503 (a proxy whose service is not up yet). No proxy is used and the TLS
     * certificate is not checked, as DevStack's {@code curl --noproxy '*' -k}.
     */
    public boolean wait_for_service(Object timeout, Object url) {
        return hostHelpers().system.wait_for_service(timeout, url);
    }

    /**
     * add_user_to_group: adds a user to a supplementary group as root ({@code usermod -a -G GROUP USER}).
     * Usage: {@code add_user_to_group STACK_USER, 'libvirt'}
     */
    public void add_user_to_group(String user, String group) {
        hostHelpers().system.add_user_to_group(user, group);
    }

    /**
     * safe_chown: {@code chown ARGS…} as root, skipped when the target (the last argument) is on NFS.
     * Usage: {@code safe_chown '-R', STACK_USER, DATA_DIR}
     * <p>
     * Each argument is one word for chown, as given (unlike DevStack's, blanks do not split it).
     */
    public void safe_chown(Object... args) {
        hostHelpers().system.safe_chown(args);
    }

    /**
     * safe_chmod: {@code chmod ARGS…} as root, skipped when the target (the last argument) is on NFS.
     * Usage: {@code safe_chmod '0644', "$NOVA_CONF"}
     */
    public void safe_chmod(Object... args) {
        hostHelpers().system.safe_chmod(args);
    }

    /**
     * get_field: field {@code index} of every line of a {@code |}-separated table (the openstack client's), 1 for
     * the first column, -1 for the last; the lines' fields joined by newlines. Usage:
     * {@code def id = get_field(sh('openstack project show demo | grep " id "'), 2)}
     * <p>
     * DevStack's reads the table from its standard input ({@code … | get_field 2}); a Groovy helper has no pipe,
     * so the table is the first argument.
     */
    public String get_field(Object text, Object index) {
        return hostHelpers().system.get_field(text, index);
    }

    /**
     * get_extra_file: the local path of a file given by URL: a {@code file://} URL's own path, else
     * {@code $FILES/<name>}, downloaded first unless it is there already. Usage:
     * {@code def image = get_extra_file('https://example.org/cirros.img')}
     * <p>
     * With {@code OFFLINE=True} a file that is not in {@code $FILES} stops the run rather than being downloaded.
     */
    public String get_extra_file(Object url) {
        return hostHelpers().system.get_extra_file(url);
    }

    /**
     * test_with_retry: runs a shell command every 0.5 s until it succeeds, for at most 10 s; stops the run with
     * {@code failmsg} if it never does. Usage: {@code test_with_retry 'ip link show br-ex', 'br-ex did not appear'}
     */
    public void test_with_retry(String command, String failmsg) {
        hostHelpers().system.test_with_retry(command, failmsg);
    }

    /** test_with_retry: as above, for at most {@code until} seconds. Usage: {@code test_with_retry cmd, msg, 30} */
    public void test_with_retry(String command, String failmsg, Object until) {
        hostHelpers().system.test_with_retry(command, failmsg, until);
    }

    /**
     * test_with_retry: as above, {@code sleep} seconds between tries.
     * Usage: {@code test_with_retry 'test -S /run/foo.sock', 'foo did not start', 30, 1}
     * <p>
     * The command is a shell command, run as DevStack runs it:
     * {@code timeout UNTIL sh -c "while ! COMMAND; do sleep SLEEP; done"}.
     */
    public void test_with_retry(String command, String failmsg, Object until, Object sleep) {
        hostHelpers().system.test_with_retry(command, failmsg, until, sleep);
    }

    /**
     * time_start: starts the named timer; its total shows in the timing table at the end of stack.
     * Usage: {@code time_start 'foo_db_sync'}
     */
    public void time_start(String name) {
        hostHelpers().system.time_start(name);
    }

    /** time_stop: stops the named timer and adds the time since time_start to its total. Usage: {@code time_stop 'foo_db_sync'} */
    public void time_stop(String name) {
        hostHelpers().system.time_stop(name);
    }

    /**
     * get_python_exec_prefix: the directory pip installs programs into: {@code /usr/local/bin}, or
     * {@code $DEVSTACK_VENV/bin} with {@code GLOBAL_VENV=True}. Usage:
     * {@code run_process 'foo-api', "${get_python_exec_prefix()}/foo-api --config-file $FOO_CONF"}
     */
    public String get_python_exec_prefix() {
        return hostHelpers().system.get_python_exec_prefix();
    }

    /**
     * pip_install: {@code python3 -m pip install ARGS…}: into {@code PIP_VIRTUAL_ENV} if it exists, into
     * {@code DEVSTACK_VENV} with {@code GLOBAL_VENV=True}, else into the system Python as root; nothing with
     * {@code OFFLINE=True} or without arguments. Usage: {@code pip_install 'python-foo-client>=1.0'}
     * <p>
     * Each argument is split on blanks, as DevStack's unquoted {@code $@}. Without pip, the run stops with a
     * message saying to install python3-pip.
     */
    public void pip_install(Object... args) {
        hostHelpers().system.pip_install(args);
    }

    /**
     * is_plugin_enabled: true if {@code enable_plugin NAME ...} was given for exactly this name (no pattern, no
     * list). Usage: {@code if (is_plugin_enabled('foo')) { ... }}
     */
    public boolean is_plugin_enabled(String name) {
        return hostHelpers().plugins.is_plugin_enabled(name);
    }

    /**
     * define_plugin: names the plugin, in its {@code devstack/settings.groovy}; nothing happens when it runs, as in
     * DevStack. The name must be a string literal: it is read before anything runs.
     * Usage: {@code define_plugin 'foo'}
     */
    public void define_plugin(String name) {
        hostHelpers().plugins.define_plugin(name);
    }

    /**
     * plugin_requires: declares that plugin {@code name} needs plugin {@code other}, in its
     * {@code devstack/settings.groovy}. Read before anything runs (the names must be string literals): the plugin
     * then runs after {@code other} in every phase, and a run where {@code other} is not enabled stops before the
     * first phase. Nothing happens when the call itself runs. Usage: {@code plugin_requires 'foo', 'bar'}
     */
    public void plugin_requires(String name, String other) {
        hostHelpers().plugins.plugin_requires(name, other);
    }

    /**
     * git_clone: clones {@code remote} at {@code ref} into {@code dest} with DevStack's rules: an existing clone is
     * left as it is unless {@code RECLONE=True}; {@code OFFLINE=True} never clones; {@code ERROR_ON_CLONE=True}
     * refuses to; {@code GIT_DEPTH}, {@code GIT_TIMEOUT}. Usage: {@code git_clone FOO_REPO, FOO_DIR, FOO_BRANCH}
     */
    public void git_clone(String remote, String dest, String ref) {
        hostHelpers().plugins.git_clone(remote, dest, ref);
    }

    /**
     * git_clone_by_name: {@link #git_clone} of an enabled plugin: its URL and ref from its {@code enable_plugin}
     * line, into {@code $DEST/NAME}. Usage: {@code git_clone_by_name 'foo'}
     */
    public void git_clone_by_name(String name) {
        hostHelpers().plugins.git_clone_by_name(name);
    }

    /**
     * function_exists: true if {@code name} is a helper, a function of this plugin, or a function a plugin or
     * library loaded so far defines. Usage: {@code if (!function_exists('install_foo')) { source 'lib/foo' }}
     */
    public boolean function_exists(String name) {
        if (name == null || !FUNCTION.matcher(name).matches()) {
            throw new PluginAbort("function_exists: '" + name + "' is not a function name");
        }
        if (hostRuntime().functions().exists(name) || declaresPublic(PluginScript.class, name)) {
            return true;
        }
        if (!name.equals("run") && !name.equals("main") && declaresPublic(getClass(), name)) {
            return true;
        }
        return getBinding().hasVariable(name) && getBinding().getVariable(name) instanceof Closure<?>;
    }

    private static boolean declaresPublic(Class<?> type, String name) {
        for (Method method : type.getDeclaredMethods()) {
            if (method.getName().equals(name) && Modifier.isPublic(method.getModifiers()) && !method.isSynthetic()) {
                return true;
            }
        }
        return false;
    }
}
