// nova_plugins/hypervisor-@NAME@.groovy - configure nova for the @NAME@ hypervisor
//
// Enable with: VIRT_DRIVER=@NAME@ in local.conf, and the n-cpu service. The core loads this file when a nova
// (n-*) service is enabled and calls its five functions at fixed points (see docs/plugins.md):
//
// install_nova_hypervisor   - install any external requirements
// configure_nova_hypervisor - make configuration changes, including those to other services
// start_nova_hypervisor     - start any external services
// stop_nova_hypervisor      - stop any external services
// cleanup_nova_hypervisor   - remove transient data and cache

// Settings a user may override in local.conf; an unset setting reads as '', so ?: supplies the default.
@VARIABLE@_DIR = @VARIABLE@_DIR ?: "$DATA_DIR/@NAME@"
// nova's driver for this hypervisor, as nova.conf's compute_driver names it
@VARIABLE@_COMPUTE_DRIVER = @VARIABLE@_COMPUTE_DRIVER ?: '@FUNCTION@.@CLASS@Driver'

// cleanup_nova_hypervisor - remove the hypervisor's state (the core removes NOVA_CONF itself)
def cleanup_nova_hypervisor() {
    sh 'rm -rf "$@VARIABLE@_DIR"'
}

// configure_nova_hypervisor - point nova at the driver and its instances directory
def configure_nova_hypervisor() {
    iniset NOVA_CONF, 'DEFAULT', 'compute_driver', @VARIABLE@_COMPUTE_DRIVER
    iniset NOVA_CONF, 'DEFAULT', 'instances_path', "$@VARIABLE@_DIR/instances"
}

// install_nova_hypervisor - create the instances directory (install_package what the hypervisor needs here)
def install_nova_hypervisor() {
    sh 'mkdir -p "$@VARIABLE@_DIR/instances"'
}

// start_nova_hypervisor - nothing to start (run_process the hypervisor's own services here)
def start_nova_hypervisor() {
}

// stop_nova_hypervisor - nothing to stop (stop_process them here)
def stop_nova_hypervisor() {
}
