// 50-template.groovy - the extras.d dispatch hook template, in Groovy
//
// Copy it to extras.d/NN-yourservice.groovy and replace "template" with your service. The host runs it at
// every phase with $1 and $2 set (see docs/plugins.md); it dispatches to functions kept in lib/template.groovy.

// check for service enabled
if (is_service_enabled('template')) {

    if ($1 == 'source') {
        // Initial source of the lib script: its functions become callable from every later phase
        source "$TOP_DIR/lib/template.groovy"
    }

    if ($1 == 'stack' && $2 == 'pre-install') {
        // Set up system services
        echo_summary 'Configuring system services Template'
        install_package 'cowsay'

    } else if ($1 == 'stack' && $2 == 'install') {
        // Perform installation of service source
        echo_summary 'Installing Template'
        install_template()

    } else if ($1 == 'stack' && $2 == 'post-config') {
        // Configure after the other layer 1 and 2 services have been configured
        echo_summary 'Configuring Template'
        configure_template()

    } else if ($1 == 'stack' && $2 == 'extra') {
        // Initialize and start the template service
        echo_summary 'Initializing Template'
        init_template()
    }

    if ($1 == 'unstack') {
        // Shut down template services: the template runs none
    }

    if ($1 == 'clean') {
        // Remove state and transient data (clean runs unstack first)
        cleanup_template()
    }
}
