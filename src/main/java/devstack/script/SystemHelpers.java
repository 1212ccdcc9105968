package devstack.script;

import devstack.system.CommandFailedException;
import devstack.system.Download;
import devstack.system.DryRun;
import devstack.system.PackageTools;
import devstack.system.Pip;
import devstack.system.SafePermissions;
import devstack.system.SystemServices;
import devstack.system.UrlWait;
import groovy.lang.Closure;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * DevStack's generic library: system services, users and permissions, waiting and retrying, downloads, timers,
 * pip.
 */
public abstract class SystemHelpers extends DistroHelpers {
    /** A user or group name as useradd and groupadd accept them (a trailing $ for machine accounts). */
    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*\\$?");
    /** A function name as Groovy and bash both accept it. */
    private static final Pattern FUNCTION = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** awk's field separator in DevStack's get_field: a '|' with the blanks around it. */
    private static final Pattern TABLE_BAR = Pattern.compile("[ \t]*\\|[ \t]*");
    /** wait_for_service: the pause between two tries, as DevStack's loop sleeps. */
    private static final Duration WAIT_INTERVAL = Duration.ofSeconds(1);

    // ---- system services -----------------------------------------------------------------------------------

    /**
     * start_service: starts a system service as root, through systemctl when systemd runs the machine, else
     * {@code service NAME start}. Usage: {@code start_service 'apache2'}
     */
    public void start_service(String name) {
        systemServices().start(name);
    }

    /**
     * stop_service: stops a system service as root ({@code systemctl stop NAME} or {@code service NAME stop}).
     * Usage: {@code stop_service 'apache2'}
     */
    public void stop_service(String name) {
        systemServices().stop(name);
    }

    /**
     * restart_service: restarts a system service as root ({@code systemctl restart NAME} or
     * {@code service NAME restart}). Usage: {@code restart_service 'apache2'}
     */
    public void restart_service(String name) {
        systemServices().restart(name);
    }

    private SystemServices systemServices() {
        return new SystemServices(hostContext().commands(), hostContext().privilege());
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
        BigDecimal seconds = number("wait_for_service", "the timeout", timeout);
        if (seconds.signum() <= 0) {
            throw new PluginAbort("wait_for_service: the timeout must be more than 0 seconds, not " + timeout);
        }
        URI uri = httpUrl("wait_for_service", url);
        hostContext().console().detail("wait_for_service: waiting up to " + seconds.toPlainString() + " s for " + uri);
        boolean answered = timedCall("wait_for_service", () -> new UrlWait(WAIT_INTERVAL).waitFor(uri,
                Duration.ofMillis(seconds.movePointRight(3).longValue()), status -> hostContext().console().detail(
                        "wait_for_service: " + uri + (status == -1 ? " does not answer" : " answered " + status))));
        if (!answered) {
            hostContext().console().detail("wait_for_service: " + uri + " did not answer within "
                    + seconds.toPlainString() + " s");
        }
        return answered;
    }

    // ---- users and permissions ---------------------------------------------------------------------------

    /**
     * add_user_to_group: adds a user to a supplementary group as root ({@code usermod -a -G GROUP USER}).
     * Usage: {@code add_user_to_group STACK_USER, 'libvirt'}
     */
    public void add_user_to_group(String user, String group) {
        for (String[] account : new String[][] {{"user", user}, {"group", group}}) {
            if (account[1] == null || !ACCOUNT.matcher(account[1]).matches()) {
                throw new PluginAbort("add_user_to_group: '" + account[1] + "' is not a " + account[0] + " name");
            }
        }
        hostContext().commands().checked(hostContext().privilege().asRoot(List.of("usermod", "-a", "-G", group, user)));
    }

    /**
     * safe_chown: {@code chown ARGS…} as root, skipped when the target (the last argument) is on NFS.
     * Usage: {@code safe_chown '-R', STACK_USER, DATA_DIR}
     * <p>
     * Each argument is one word for chown, as given (unlike DevStack's, blanks do not split it).
     */
    public void safe_chown(Object... args) {
        safePermission("chown", args);
    }

    /**
     * safe_chmod: {@code chmod ARGS…} as root, skipped when the target (the last argument) is on NFS.
     * Usage: {@code safe_chmod '0644', "$NOVA_CONF"}
     */
    public void safe_chmod(Object... args) {
        safePermission("chmod", args);
    }

    private void safePermission(String program, Object... args) {
        String helper = "safe_" + program;
        List<String> words = flatten(helper, args);
        if (words.size() < 2 || words.stream().anyMatch(String::isEmpty)) {
            throw new PluginAbort(helper + ": needs " + (program.equals("chown") ? "an owner" : "a mode")
                    + " and a target, e.g. " + helper + (program.equals("chown") ? " STACK_USER, DEST"
                    : " '0755', DEST") + " (got " + words + ")");
        }
        boolean done = new SafePermissions(hostContext().commands(), hostContext().privilege()).apply(program, words);
        if (!done) {
            hostContext().console().detail(helper + ": " + words.get(words.size() - 1) + " is on NFS, left as it is");
        }
    }

    // ---- functions, tables, files --------------------------------------------------------------------------

    /**
     * function_exists: true if {@code name} is a helper, a function of this plugin, or a function a plugin or
     * library loaded so far defines. Usage: {@code if (!function_exists('install_foo')) { source 'lib/foo' }}
     */
    public boolean function_exists(String name) {
        if (name == null || !FUNCTION.matcher(name).matches()) {
            throw new PluginAbort("function_exists: '" + name + "' is not a function name");
        }
        if (hostRuntime().functions().exists(name)) {
            return true;
        }
        for (Class<?> layer = PluginScript.class; layer != ScriptSupport.class; layer = layer.getSuperclass()) {
            if (declaresPublic(layer, name)) {
                return true;
            }
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

    /**
     * get_field: field {@code index} of every line of a {@code |}-separated table (the openstack client's), 1 for
     * the first column, -1 for the last; the lines' fields joined by newlines. Usage:
     * {@code def id = get_field(sh('openstack project show demo | grep " id "'), 2)}
     * <p>
     * DevStack's reads the table from its standard input ({@code … | get_field 2}); a Groovy helper has no pipe,
     * so the table is the first argument.
     */
    public String get_field(Object text, Object index) {
        if (text == null) {
            throw new PluginAbort("get_field: the table text is null; pass the output of a command, e.g. "
                    + "get_field(sh('openstack user list'), 2)");
        }
        BigDecimal number = number("get_field", "the field number", index);
        if (number.signum() == 0 || number.stripTrailingZeros().scale() > 0) {
            throw new PluginAbort("get_field: the field number must be a whole number other than 0 (1 is the first "
                    + "column, -1 the last), not " + index);
        }
        int field = number.intValueExact();
        List<String> lines = new ArrayList<>(List.of(text.toString().split("\r?\n", -1)));
        if (lines.size() > 1 && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        List<String> fields = new ArrayList<>();
        for (String line : lines) {
            // bash's read drops the line's outer blanks; awk -F splits on '|' with its blanks.
            String[] parts = TABLE_BAR.split(line.replaceAll("^[ \t]+|[ \t]+$", ""), -1);
            int at = field > 0 ? field : parts.length + field - 1;
            fields.add(at >= 0 && at < parts.length ? parts[at] : "");
        }
        return String.join("\n", fields);
    }

    /**
     * get_extra_file: the local path of a file given by URL: a {@code file://} URL's own path, else
     * {@code $FILES/<name>}, downloaded first unless it is there already. Usage:
     * {@code def image = get_extra_file('https://example.org/cirros.img')}
     * <p>
     * With {@code OFFLINE=True} a file that is not in {@code $FILES} stops the run rather than being downloaded.
     */
    public String get_extra_file(Object url) {
        String text = url == null ? "" : url.toString().trim();
        if (text.isEmpty()) {
            throw new PluginAbort("get_extra_file: a URL is required");
        }
        if (text.startsWith("file://")) {
            Path local = Path.of(text.substring("file://".length()));
            if (!Files.exists(local)) {
                throw new PluginAbort("get_extra_file: " + text + " names a file that does not exist");
            }
            return local.toString();
        }
        URI uri = httpUrl("get_extra_file", text);
        String path = uri.getPath() == null ? "" : uri.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new PluginAbort("get_extra_file: " + text + " names no file (the path must end with a file name)");
        }
        String files = hostContext().settings().get("FILES");
        if (files.isEmpty()) {
            throw new PluginAbort("get_extra_file: FILES is not set; it names the directory downloads go to");
        }
        Path target = Path.of(files, name);
        if (Files.isRegularFile(target)) {
            hostContext().console().detail("get_extra_file: " + target + " is there already");
            return target.toString();
        }
        if (offline()) {
            throw new PluginAbort("get_extra_file: " + target + " is missing and OFFLINE=True forbids downloading "
                    + text + "; put the file there first");
        }
        DryRun dryRun = hostContext().commands().dryRun();
        if (dryRun != null) {
            dryRun.wouldDownload(text, target);
            return target.toString();
        }
        hostContext().console().detail("get_extra_file: downloading " + text + " to " + target);
        new Download(proxies()).fetch(uri, target);
        return target.toString();
    }

    // ---- retries and timers --------------------------------------------------------------------------------

    /**
     * test_with_retry: runs a shell command every 0.5 s until it succeeds, for at most 10 s; stops the run with
     * {@code failmsg} if it never does. Usage: {@code test_with_retry 'ip link show br-ex', 'br-ex did not appear'}
     */
    public void test_with_retry(String command, String failmsg) {
        test_with_retry(command, failmsg, 10, new BigDecimal("0.5"));
    }

    /** test_with_retry: as above, for at most {@code until} seconds. Usage: {@code test_with_retry cmd, msg, 30} */
    public void test_with_retry(String command, String failmsg, Object until) {
        test_with_retry(command, failmsg, until, new BigDecimal("0.5"));
    }

    /**
     * test_with_retry: as above, {@code sleep} seconds between tries.
     * Usage: {@code test_with_retry 'test -S /run/foo.sock', 'foo did not start', 30, 1}
     * <p>
     * The command is a shell command, run as DevStack runs it:
     * {@code timeout UNTIL sh -c "while ! COMMAND; do sleep SLEEP; done"}.
     */
    public void test_with_retry(String command, String failmsg, Object until, Object sleep) {
        if (command == null || command.isBlank()) {
            throw new PluginAbort("test_with_retry: a command to test is required");
        }
        BigDecimal limit = number("test_with_retry", "the time limit (until)", until);
        BigDecimal pause = number("test_with_retry", "the pause (sleep)", sleep);
        if (limit.signum() <= 0 || pause.signum() < 0) {
            throw new PluginAbort("test_with_retry: until must be more than 0 and sleep at least 0 seconds (got "
                    + until + " and " + sleep + ")");
        }
        // Braces and a newline keep the command whole: 'a && b' is tested as one, a trailing comment stays one.
        String loop = "while ! { " + command + "\n}; do sleep " + pause.toPlainString() + "; done";
        List<String> argv = List.of("timeout", limit.toPlainString(), "/bin/sh", "-c", loop);
        int code = timedCall("test_with_retry", () -> {
            try {
                return hostContext().commands().run(argv, Map.of()).exitCode();
            } catch (CommandFailedException notStarted) {
                return notStarted.commandExitCode();
            }
        });
        if (code != 0) {
            throw new PluginAbort(failmsg == null || failmsg.isBlank()
                    ? "test_with_retry: '" + command + "' did not succeed within " + limit.toPlainString() + " s"
                    : failmsg);
        }
    }

    /**
     * time_start: starts the named timer; its total shows in the timing table at the end of stack.
     * Usage: {@code time_start 'foo_db_sync'}
     */
    public void time_start(String name) {
        requireTimerName("time_start", name);
        try {
            hostContext().timers().start(name);
        } catch (IllegalStateException e) {
            throw new PluginAbort("Trying to start the clock on " + name + ", but it's already been started");
        }
    }

    /** time_stop: stops the named timer and adds the time since time_start to its total. Usage: {@code time_stop 'foo_db_sync'} */
    public void time_stop(String name) {
        requireTimerName("time_stop", name);
        try {
            hostContext().timers().stop(name);
        } catch (IllegalStateException e) {
            throw new PluginAbort("Trying to stop the clock on " + name + ", but it was never started");
        }
    }

    private static void requireTimerName(String helper, String name) {
        if (name == null || name.isBlank()) {
            throw new PluginAbort(helper + ": a timer name is required, e.g. " + helper + " 'foo_db_sync'");
        }
    }

    // ---- python ----------------------------------------------------------------------------------------------

    /**
     * get_python_exec_prefix: the directory pip installs programs into: {@code /usr/local/bin}, or
     * {@code $DEVSTACK_VENV/bin} with {@code GLOBAL_VENV=True}. Usage:
     * {@code run_process 'foo-api', "${get_python_exec_prefix()}/foo-api --config-file $FOO_CONF"}
     */
    public String get_python_exec_prefix() {
        return pip().execPrefix();
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
        List<String> words = PackageTools.words(flatten("pip_install", args));
        if (words.isEmpty() || offline()) {
            return;
        }
        timed("pip_install", () -> pip().install(words));
    }

    private Pip pip() {
        return new Pip(hostContext().commands(), hostContext().privilege(), hostContext().settings()::get);
    }

    // ---- argument checks -------------------------------------------------------------------------------------

    /** A number given as a number or as text (settings are text: {@code SERVICE_TIMEOUT}). */
    private static BigDecimal number(String helper, String what, Object value) {
        if (value instanceof Number || value instanceof CharSequence) {
            try {
                return new BigDecimal(value.toString().trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new PluginAbort(helper + ": " + what + " must be a number, not " + (value == null ? "null"
                : "'" + value + "'"));
    }

    /** An http or https URL with a host, or a PluginAbort naming the helper. */
    private static URI httpUrl(String helper, Object url) {
        String text = url == null ? "" : url.toString().trim();
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new PluginAbort(helper + ": '" + text + "' is not an http or https URL");
    }
}
