// devstack/settings.groovy - the @NAME@ plugin's settings
//
// Runs once per run, in the source phase after the extras.d hooks. define_plugin and plugin_requires are read
// before anything runs: plugin_requires '@NAME@', 'other' would make @NAME@ run after the plugin other.

define_plugin '@NAME@'

// Enabling the plugin enables its service; a user can still disable_service @NAME@ in local.conf.
enable_service '@NAME@'

// Settings a user may override in local.conf; an unset setting reads as '', so ?: supplies the default.
@VARIABLE@_DIR = @VARIABLE@_DIR ?: "$DATA_DIR/@NAME@"
@VARIABLE@_CONF = @VARIABLE@_CONF ?: "$@VARIABLE@_DIR/@NAME@.conf"
@VARIABLE@_DEBUG = trueorfalse('False', '@VARIABLE@_DEBUG')
