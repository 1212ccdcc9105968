// extras.d/@NUMBER@-@NAME@.groovy - the extras.d hook of the @NAME@ service
//
// The host runs this file at every phase of stack, unstack and clean, with $1 and $2 naming the phase (see
// docs/plugins.md). It only dispatches: the work is done by the functions of lib/@NAME@.groovy.

// check for service enabled
if (is_service_enabled('@NAME@')) {

    if ($1 == 'source') {
        // Load the library: its settings get their defaults, and its functions are callable from now on
        source "$TOP_DIR/lib/@NAME@.groovy"
    }

    if ($1 == 'stack' && $2 == 'install') {
        // The packages of files/debs/@NAME@ (files/rpms/@NAME@) were installed at pre-install
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
