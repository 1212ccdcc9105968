package devstack.script;

/** DevStack's generic library: system services, users and permissions, retries, timers, pip. */
public abstract class SystemHelpers extends DistroHelpers {
}
