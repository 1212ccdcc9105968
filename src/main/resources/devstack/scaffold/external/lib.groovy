// devstack/lib/@NAME@.groovy - functions for the @NAME@ service, loaded by devstack/plugin.groovy
//
// install_@FUNCTION@   - create the service's directory
// configure_@FUNCTION@ - write its configuration file
// cleanup_@FUNCTION@   - remove its state
//
// The settings they use (@VARIABLE@_DIR, @VARIABLE@_CONF, @VARIABLE@_DEBUG) are in devstack/settings.groovy.

// install_@FUNCTION@ - create the service's directory
def install_@FUNCTION@() {
    sh 'mkdir -p "$@VARIABLE@_DIR"'
}

// configure_@FUNCTION@ - write its configuration file
def configure_@FUNCTION@() {
    iniset @VARIABLE@_CONF, 'DEFAULT', 'data_dir', @VARIABLE@_DIR
    iniset @VARIABLE@_CONF, 'DEFAULT', 'debug', @VARIABLE@_DEBUG
}

// cleanup_@FUNCTION@ - remove its state
def cleanup_@FUNCTION@() {
    sh 'rm -rf "$@VARIABLE@_DIR"'
}
