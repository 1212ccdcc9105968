// lib/template.groovy - functions for the template service, loaded by extras.d/50-template.groovy
//
// Settings a user may override in local.conf; an unset setting reads as '', so ?: supplies the default.
TEMPLATE_DIR = TEMPLATE_DIR ?: "$DATA_DIR/template"
TEMPLATE_CONF = TEMPLATE_CONF ?: "$TEMPLATE_DIR/template.conf"

// install_template - create the service's directory
def install_template() {
    // Single quotes: the shell reads TEMPLATE_DIR from the environment, so any path is safe (blanks, quotes).
    sh 'mkdir -p "$TEMPLATE_DIR"'
}

// configure_template - write the service's configuration file
def configure_template() {
    iniset TEMPLATE_CONF, 'DEFAULT', 'data_dir', TEMPLATE_DIR
    iniset TEMPLATE_CONF, 'DEFAULT', 'greeting', 'Hello from the template plugin'
}

// init_template - show that the package installed at pre-install works
def init_template() {
    TEMPLATE_GREETING = iniget(TEMPLATE_CONF, 'DEFAULT', 'greeting')
    def cow = sh('/usr/games/cowsay -W 60 "$TEMPLATE_GREETING"')
    cow.readLines().each { echo_summary it }
}

// cleanup_template - remove the service's state
def cleanup_template() {
    sh 'rm -rf "$TEMPLATE_DIR"'
}
