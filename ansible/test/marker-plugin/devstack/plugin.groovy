// plugin.groovy - the one-machine test's external plugin (see ansible/test-on-one-machine.sh)
//
// The sub-nodes enable it with devstack_plugins, so each clones it from the test's git repository. It writes
// MARKER_TEXT to $DATA_DIR/marker/text; that text is made of two settings in devstack_localrc, the first using
// the second, so finding it whole proves the order in which local.conf was written.

if ($1 == 'stack' && $2 == 'install') {
    echo_summary 'Installing Marker'
    sh "mkdir -p '$DATA_DIR/marker'"
    write_file "$DATA_DIR/marker/text", "$MARKER_TEXT\n"
}
