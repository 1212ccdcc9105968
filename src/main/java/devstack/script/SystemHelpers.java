package devstack.script;

import devstack.system.CommandFailedException;
import devstack.system.PackageTools;
import devstack.system.Pip;
import devstack.system.SafePermissions;
import devstack.system.SystemServices;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The system helpers of {@link PluginScript}: see there for what each does. */
final class SystemHelpers extends HelperGroup {
    SystemHelpers(ScriptContext context, PluginRuntime runtime) {
        super(context, runtime);
    }

    /** A user or group name as useradd and groupadd accept them (a trailing $ for machine accounts). */
    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*\\$?");


    /** awk's field separator in DevStack's get_field: a '|' with the blanks around it. */
    private static final Pattern TABLE_BAR = Pattern.compile("[ \t]*\\|[ \t]*");


    // ---- system services -----------------------------------------------------------------------------------

    public void start_service(String name) {
        systemServices().start(name);
    }

    public void stop_service(String name) {
        systemServices().stop(name);
    }

    public void restart_service(String name) {
        systemServices().restart(name);
    }

    private SystemServices systemServices() {
        return new SystemServices(machine());
    }

    public boolean wait_for_service(Object timeout, Object url) {
        BigDecimal seconds = number("wait_for_service", "the timeout", timeout);
        if (seconds.signum() <= 0) {
            throw new PluginAbort("wait_for_service: the timeout must be more than 0 seconds, not " + timeout);
        }
        URI uri = httpUrl("wait_for_service", url);
        context.console().detail("wait_for_service: waiting up to " + seconds.toPlainString() + " s for " + uri);
        boolean answered = timedCall("wait_for_service", () -> machine().network().waitForAnswer(uri,
                Duration.ofMillis(seconds.movePointRight(3).longValue()), status -> context.console().detail(
                        "wait_for_service: " + uri + (status == -1 ? " does not answer" : " answered " + status))));
        if (!answered) {
            context.console().detail("wait_for_service: " + uri + " did not answer within "
                    + seconds.toPlainString() + " s");
        }
        return answered;
    }

    // ---- users and permissions ---------------------------------------------------------------------------

    public void add_user_to_group(String user, String group) {
        for (String[] account : new String[][] {{"user", user}, {"group", group}}) {
            if (account[1] == null || !ACCOUNT.matcher(account[1]).matches()) {
                throw new PluginAbort("add_user_to_group: '" + account[1] + "' is not a " + account[0] + " name");
            }
        }
        machine().accounts().addUserToGroup(user, group);
    }

    public void safe_chown(Object... args) {
        safePermission("chown", args);
    }

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
        boolean done = new SafePermissions(machine()).apply(program, words);
        if (!done) {
            context.console().detail(helper + ": " + words.get(words.size() - 1) + " is on NFS, left as it is");
        }
    }

    // ---- functions, tables, files --------------------------------------------------------------------------

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

    public String get_extra_file(Object url) {
        String text = url == null ? "" : url.toString().trim();
        if (text.isEmpty()) {
            throw new PluginAbort("get_extra_file: a URL is required");
        }
        if (text.startsWith("file://")) {
            Path local = Path.of(text.substring("file://".length()));
            if (!machine().files().exists(local)) {
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
        String files = context.settings().get("FILES");
        if (files.isEmpty()) {
            throw new PluginAbort("get_extra_file: FILES is not set; it names the directory downloads go to");
        }
        Path target = Path.of(files, name);
        if (machine().files().isRegularFile(target)) {
            context.console().detail("get_extra_file: " + target + " is there already");
            return target.toString();
        }
        if (offline()) {
            throw new PluginAbort("get_extra_file: " + target + " is missing and OFFLINE=True forbids downloading "
                    + text + "; put the file there first");
        }
        context.console().detail("get_extra_file: downloading " + text + " to " + target);
        machine().network().download(uri, target, proxies());
        return target.toString();
    }

    // ---- retries and timers --------------------------------------------------------------------------------

    public void test_with_retry(String command, String failmsg) {
        test_with_retry(command, failmsg, 10, new BigDecimal("0.5"));
    }

    public void test_with_retry(String command, String failmsg, Object until) {
        test_with_retry(command, failmsg, until, new BigDecimal("0.5"));
    }

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
                return machine().commands().run(argv, Map.of()).exitCode();
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

    public void time_start(String name) {
        requireTimerName("time_start", name);
        try {
            context.timers().start(name);
        } catch (IllegalStateException e) {
            throw new PluginAbort("Trying to start the clock on " + name + ", but it's already been started");
        }
    }

    public void time_stop(String name) {
        requireTimerName("time_stop", name);
        try {
            context.timers().stop(name);
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

    public String get_python_exec_prefix() {
        return pip().execPrefix();
    }

    public void pip_install(Object... args) {
        List<String> words = PackageTools.words(flatten("pip_install", args));
        if (words.isEmpty() || offline()) {
            return;
        }
        timed("pip_install", () -> pip().install(words));
    }

    private Pip pip() {
        return new Pip(machine(), context.settings()::get);
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
