package devstack.system;

import devstack.DevstackException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The machine's own services (mysql, apache2, rabbitmq-server …), started, stopped and restarted as DevStack's
 * {@code start_service}, {@code stop_service} and {@code restart_service} do: through {@code systemctl} when
 * systemd runs the machine, otherwise through {@code service NAME start|stop|restart}; as root.
 */
public final class SystemServices {
    /** Where systemd leaves its mark when it is the running init system (what sd_booted(3) tests). */
    public static final Path SYSTEMD_MARKER = Path.of("/run/systemd/system");

    /** A unit or init-script name: no blanks, no leading '-', nothing a shell or systemctl would read as more. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_@:.+\\\\-]*");

    private final Machine machine;
    private final Path systemdMarker;

    public SystemServices(Machine machine) {
        this(machine, SYSTEMD_MARKER);
    }

    /** With another marker in systemd's place (tests decide whether systemd "runs"). */
    public SystemServices(Machine machine, Path systemdMarker) {
        this.machine = machine;
        this.systemdMarker = systemdMarker;
    }

    /** True when systemd is the running init system, not merely installed (a container often has systemctl). */
    public boolean systemdRuns() {
        return machine.files().isDirectory(systemdMarker);
    }

    public void start(String name) {
        machine.commands().checked(command("start", name));
    }

    public void stop(String name) {
        machine.commands().checked(command("stop", name));
    }

    public void restart(String name) {
        machine.commands().checked(command("restart", name));
    }

    /** The command line for {@code operation} on service {@code name}, as root. */
    List<String> command(String operation, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new DevstackException(DevstackException.FAILED,
                    operation + "_service: '" + name + "' is not a service name",
                    "give the name of a system service, e.g. " + operation + "_service 'apache2'");
        }
        List<String> argv = systemdRuns()
                ? List.of("systemctl", operation, name)
                : List.of("service", name, operation);
        return machine.privilege().asRoot(argv);
    }
}
