package devstack.script;

import devstack.system.ProcessCommand;
import java.util.List;
import java.util.function.Supplier;

/** The processes helpers of {@link PluginScript}: see there for what each does. */
final class ProcessHelpers extends HelperGroup {
    ProcessHelpers(ScriptContext context, PluginRuntime runtime) {
        super(context, runtime);
    }

    public void run_process(String service, String command) {
        run_process(service, command, "", "", "");
    }

    public void run_process(String service, String command, String group) {
        run_process(service, command, group, "", "");
    }

    public void run_process(String service, String command, String group, String user) {
        run_process(service, command, group, user, "");
    }

    public void run_process(String service, String command, String group, String user, String env) {
        start(service, () -> ProcessCommand.of(command, group, user, env));
    }

    public void run_process(String service, List<?> command, String group, String user, String env) {
        start(service, () -> ProcessCommand.of(flatten("run_process", command), group, user, env));
    }

    private void start(String service, Supplier<ProcessCommand> command) {
        if (!context.settings().services().isEnabled(service)) {
            context.console().detail("run_process " + service + ": not enabled, not started");
            return;
        }
        ProcessCommand process;
        try {
            process = command.get();
        } catch (IllegalArgumentException e) {
            throw new PluginAbort("run_process " + service + ": " + e.getMessage());
        }
        machine().processes().start(service, process, serviceDir(), context.settings().path("LOGDIR"));
    }

    public void stop_process(String service) {
        machine().processes().stop(service, serviceDir());
    }

    public void service_check() {
        machine().processes().check(serviceDir(), service -> context.settings().services().isEnabled(service));
    }

    public boolean is_running(String name) {
        if (name == null || name.isEmpty()) {
            throw new PluginAbort("is_running needs the name of a program");
        }
        return machine().processes().isRunning(name);
    }

    private java.nio.file.Path serviceDir() {
        return context.settings().path("SERVICE_DIR");
    }
}
