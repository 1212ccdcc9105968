package devstack.script;

/** Long-running processes of services: run_process, stop_process, service_check, is_running. */
public abstract class ProcessHelpers extends IniHelpers {
}
