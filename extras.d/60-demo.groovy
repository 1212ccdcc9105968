// 60-demo.groovy - the demo service: a small real process started with run_process and stopped by unstack
//
// See lib/demo.groovy. Enabled by default; disable it with `disable_service demo` in local.conf.

if (is_service_enabled('demo')) {

    if ($1 == 'source') {
        source "$TOP_DIR/lib/demo.groovy"
    }

    if ($1 == 'stack' && $2 == 'install') {
        echo_summary 'Installing Demo'
        install_demo()

    } else if ($1 == 'stack' && $2 == 'extra') {
        echo_summary 'Starting Demo'
        start_demo()
    }

    if ($1 == 'unstack') {
        stop_demo()
    }

    if ($1 == 'clean') {
        cleanup_demo()
    }
}
