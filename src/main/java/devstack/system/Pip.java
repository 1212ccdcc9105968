package devstack.system;

import devstack.DevstackException;
import devstack.config.TrueOrFalse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code pip install} as DevStack's {@code pip_install} runs it, and the directory its programs land in
 * ({@code get_python_exec_prefix}). Where packages go, in DevStack's order:
 * <ol>
 * <li>{@code PIP_VIRTUAL_ENV}, if it names an existing directory: that virtualenv's pip, as the current user;</li>
 * <li>{@code GLOBAL_VENV=True}: the virtualenv {@code DEVSTACK_VENV} (default {@code $DEST/data/venv}), as root;</li>
 * <li>otherwise the system Python, {@code python3 -m pip} (or {@code python$PYTHON3_VERSION}), as root.</li>
 * </ol>
 * {@code PIP_UPGRADE=True} adds {@code --upgrade}; {@code $REQUIREMENTS_DIR/upper-constraints.txt}, when it
 * exists, is applied with {@code -c}; the proxy settings and {@code PIP_FIND_LINKS} are passed on.
 */
public final class Pip {
    /** Where pip installs programs when no virtualenv is used. */
    public static final String SYSTEM_EXEC_PREFIX = "/usr/local/bin";

    private final Machine machine;
    private final Function<String, String> settings;

    /** @param settings the run's variables, '' for an unset name */
    public Pip(Machine machine, Function<String, String> settings) {
        this.machine = machine;
        this.settings = settings;
    }

    /** get_python_exec_prefix: {@code $DEVSTACK_VENV/bin} under {@code GLOBAL_VENV=True}, else /usr/local/bin. */
    public String execPrefix() {
        return isTrue("GLOBAL_VENV") ? globalVenv().resolve("bin").toString() : SYSTEM_EXEC_PREFIX;
    }

    /** Installs with pip; {@code arguments} are pip's (package names, requirement specifiers, -e DIR, -r FILE …). */
    public void install(List<String> arguments) {
        List<String> argv = installCommand(arguments);
        try {
            machine.commands().checked(argv);
        } catch (CommandFailedException e) {
            if (e.lastLines().stream().anyMatch(line -> line.contains("externally-managed-environment"))) {
                throw new DevstackException(DevstackException.FAILED, "pip_install: the system Python is managed by "
                        + "the distribution and refuses pip installs (PEP 668): " + e.command(),
                        "install into a virtualenv: create one with 'python3 -m venv DIR' and set PIP_VIRTUAL_ENV=DIR "
                                + "(or GLOBAL_VENV=True with DEVSTACK_VENV=DIR)", e);
            }
            throw e;
        }
    }

    /** The full command line of an install, after checking that the chosen Python has pip. */
    List<String> installCommand(List<String> arguments) {
        Target target = target();
        Path venv = target.venv();
        String python = venv != null ? venv.resolve("bin/python3").toString() : "python" + pythonVersion();
        checkPip(python, venv);
        List<String> argv = new ArrayList<>(List.of("env"));
        argv.addAll(Proxies.from(settings).envAssignments());
        String findLinks = settings.apply("PIP_FIND_LINKS");
        if (!findLinks.isEmpty()) {
            argv.add("PIP_FIND_LINKS=" + findLinks);
        }
        argv.addAll(List.of(python, "-m", "pip", "install"));
        String requirements = settings.apply("REQUIREMENTS_DIR");
        if (!requirements.isEmpty() && machine.files().isRegularFile(Path.of(requirements, "upper-constraints.txt"))) {
            argv.addAll(List.of("-c", Path.of(requirements, "upper-constraints.txt").toString()));
        }
        if (isTrue("PIP_UPGRADE")) {
            argv.add("--upgrade");
        }
        argv.addAll(arguments);
        return target.asRoot() ? machine.privilege().asRoot(argv) : argv;
    }

    /** Where an install goes: a virtualenv (or null for the system Python), and whether root must run pip. */
    private record Target(Path venv, boolean asRoot) {
    }

    private Target target() {
        if (isPipVirtualEnv()) {
            return new Target(Path.of(settings.apply("PIP_VIRTUAL_ENV")), false);
        }
        if (isTrue("GLOBAL_VENV")) {
            Path venv = globalVenv();
            if (!machine.files().isDirectory(venv)) {
                throw new DevstackException(DevstackException.FAILED,
                        "pip_install: GLOBAL_VENV=True but the virtualenv " + venv + " does not exist",
                        "create it first (sudo python3 -m venv " + venv + "), or set DEVSTACK_VENV to one");
            }
            return new Target(venv, true);
        }
        return new Target(null, true);
    }

    private boolean isPipVirtualEnv() {
        String named = settings.apply("PIP_VIRTUAL_ENV");
        return !named.isEmpty() && machine.files().isDirectory(Path.of(named));
    }

    private Path globalVenv() {
        String named = settings.apply("DEVSTACK_VENV");
        return Path.of(named.isEmpty() ? settings.apply("DEST") + "/data/venv" : named);
    }

    private String pythonVersion() {
        String version = settings.apply("PYTHON3_VERSION");
        return version.isEmpty() ? "3" : version;
    }

    /** A fresh machine often has python3 but not pip: say what to install rather than show pip's traceback. */
    private void checkPip(String python, Path venv) {
        List<String> lines;
        int code;
        try {
            CommandResult result = machine.commands().query(List.of(python, "-m", "pip", "--version"));
            if (result.succeeded()) {
                return;
            }
            lines = result.lastLines();
            code = result.exitCode();
        } catch (CommandFailedException notStarted) {
            lines = List.of(python + " is not installed");
            code = notStarted.commandExitCode();
        }
        String why = lines.isEmpty() ? "exit code " + code : lines.get(lines.size() - 1);
        if (venv != null) {
            throw new DevstackException(DevstackException.FAILED,
                    "pip_install: the virtualenv " + venv + " has no working pip (" + why + ")",
                    "recreate it with 'python3 -m venv " + venv + "' (python3-venv must be installed)");
        }
        throw new DevstackException(DevstackException.FAILED,
                "pip_install: '" + python + " -m pip' is not available on this machine (" + why + ")",
                "install python3-pip first: install_package 'python3-pip' (the package has this name on "
                        + "Debian, Ubuntu and Fedora)");
    }

    private boolean isTrue(String name) {
        return TrueOrFalse.normalize("False", settings.apply(name)).equals("True");
    }
}
