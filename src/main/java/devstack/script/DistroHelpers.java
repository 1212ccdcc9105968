package devstack.script;

/** The distribution and its package tools: GetOSVersion, is_arch, apt_get, yum_install and friends. */
public abstract class DistroHelpers extends ProcessHelpers {
}
