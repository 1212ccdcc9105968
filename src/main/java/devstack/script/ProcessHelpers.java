package devstack.script;

import devstack.system.ProcessCommand;

/** Long-running processes of services: run_process, stop_process, service_check, is_running. */
public abstract class ProcessHelpers extends IniHelpers {
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
        run_process(service, command, "", "", "");
    }

    /**
     * run_process with a group: the command runs with {@code sg GROUP -c}.
     * Usage: {@code run_process 'x', cmd, 'libvirt'}
     */
    public void run_process(String service, String command, String group) {
        run_process(service, command, group, "", "");
    }

    /**
     * run_process as another user ({@code runuser} as root, {@code sudo} otherwise); {@code ''} for no group.
     * Usage: {@code run_process 'x', cmd, '', STACK_USER}
     */
    public void run_process(String service, String command, String group, String user) {
        run_process(service, command, group, user, "");
    }

    /**
     * run_process with {@code NAME=value} words added to the process's environment.
     * Usage: {@code run_process 'x', cmd, '', '', 'PYTHONUNBUFFERED=1 LANG=C'}
     */
    public void run_process(String service, String command, String group, String user, String env) {
        if (!hostContext().settings().services().isEnabled(service)) {
            hostContext().console().detail("run_process " + service + ": not enabled, not started");
            return;
        }
        ProcessCommand process;
        try {
            process = ProcessCommand.of(command, group, user, env);
        } catch (IllegalArgumentException e) {
            throw new PluginAbort("run_process " + service + ": " + e.getMessage());
        }
        hostContext().processes().start(service, process);
    }

    /**
     * stop_process: stops the process of a service and its whole process group, and removes its pid file.
     * Usage: {@code stop_process 'demo'}
     *
     * <p>SIGTERM first, SIGKILL after a few seconds. A pid file whose process is gone, or whose pid now belongs to
     * another program, is only removed, with a warning. The service need not be enabled any more.
     */
    public void stop_process(String service) {
        hostContext().processes().stop(service);
    }

    /**
     * service_check: fails the run naming every enabled service whose process has died, with the last lines of
     * each one's log. Usage: {@code service_check()}
     */
    public void service_check() {
        hostContext().processes().check(service -> hostContext().settings().services().isEnabled(service));
    }

    /**
     * is_running: true if the command line of any process contains {@code name} (DevStack's {@code ps | grep}).
     * Usage: {@code if (is_running('demo-service')) { ... }}
     */
    public boolean is_running(String name) {
        if (name == null || name.isEmpty()) {
            throw new PluginAbort("is_running needs the name of a program");
        }
        return hostContext().processes().isRunning(name);
    }
}
