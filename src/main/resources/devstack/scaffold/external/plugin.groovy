// devstack/plugin.groovy - the @NAME@ plugin's dispatcher
//
// The host runs this file after the extras.d hooks at every phase of stack, unstack and clean except source (that
// is what settings.groovy is for), with $1 and $2 naming the phase. The work is done by devstack/lib/@NAME@.groovy.

source "$DEST/@NAME@/devstack/lib/@NAME@.groovy"

// check for service enabled
if (is_service_enabled('@NAME@')) {

    if ($1 == 'stack' && $2 == 'install') {
        // The packages of devstack/files/debs/@NAME@ (rpms/@NAME@) were installed at pre-install
        echo_summary 'Installing @NAME@'
        install_@FUNCTION@()

    } else if ($1 == 'stack' && $2 == 'post-config') {
        // Configure after the other services have been configured
        echo_summary 'Configuring @NAME@'
        configure_@FUNCTION@()

    } else if ($1 == 'stack' && $2 == 'extra') {
        // Start the service's processes here, e.g. run_process '@NAME@', ["$@VARIABLE@_DIR/bin/@NAME@"]
    }

    if ($1 == 'unstack') {
        // Stop them here, e.g. stop_process '@NAME@' (unstack also stops every process run_process started)
    }

    if ($1 == 'clean') {
        // Remove state and transient data (clean runs unstack first)
        cleanup_@FUNCTION@()
    }
}
