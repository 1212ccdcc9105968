// lib/@NAME@.groovy - functions for the @NAME@ service, loaded by extras.d/@NUMBER@-@NAME@.groovy
//
// install_@FUNCTION@   - create the service's directory
// configure_@FUNCTION@ - write its configuration file
// cleanup_@FUNCTION@   - remove its state

// Settings a user may override in local.conf; an unset setting reads as '', so ?: supplies the default.
@VARIABLE@_DIR = @VARIABLE@_DIR ?: "$DATA_DIR/@NAME@"
@VARIABLE@_CONF = @VARIABLE@_CONF ?: "$@VARIABLE@_DIR/@NAME@.conf"
@VARIABLE@_DEBUG = trueorfalse('False', '@VARIABLE@_DEBUG')

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
