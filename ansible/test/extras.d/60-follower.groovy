// 60-follower.groovy - the one-machine test's sub-node service (see ansible/test-on-one-machine.sh)
//
// Waits for the controller's beacon at SERVICE_HOST, writes the token it serves into its configuration
// (FOLLOWER_CONF) with its own addresses, then serves that configuration on its own HOST_IP (port FOLLOWER_PORT)
// with run_process. FOLLOWER_FAIL=True makes its stack fail once the process runs, as a broken plugin would.

if (is_service_enabled('follower')) {

    if ($1 == 'source') {
        die_if_not_set 'BEACON_PORT', 'BEACON_PORT must be set in local.conf'
        die_if_not_set 'FOLLOWER_PORT', 'FOLLOWER_PORT must be set in local.conf'
        FOLLOWER_DIR = "$DATA_DIR/follower"
        FOLLOWER_CONF = "$FOLLOWER_DIR/follower.conf"
    }

    if ($1 == 'stack' && $2 == 'post-config') {
        def beacon = "http://$SERVICE_HOST:$BEACON_PORT/token"
        echo_summary "Waiting for the controller's beacon at $beacon"
        if (!wait_for_service(120, beacon)) {
            die "the controller's beacon does not answer at $beacon"
        }
        echo_summary 'Configuring Follower'
        sh "mkdir -p '$FOLLOWER_DIR'"
        iniset FOLLOWER_CONF, 'DEFAULT', 'host_ip', HOST_IP
        iniset FOLLOWER_CONF, 'DEFAULT', 'service_host', SERVICE_HOST
        iniset FOLLOWER_CONF, 'DEFAULT', 'controller_token', URI.create(beacon).toURL().text.trim()

    } else if ($1 == 'stack' && $2 == 'extra') {
        echo_summary "Starting Follower on $HOST_IP:$FOLLOWER_PORT"
        run_process 'follower', "/usr/bin/python3 -m http.server --bind $HOST_IP $FOLLOWER_PORT --directory $FOLLOWER_DIR"
        if (!wait_for_service(60, "http://$HOST_IP:$FOLLOWER_PORT/follower.conf")) {
            die "the follower does not answer on $HOST_IP:$FOLLOWER_PORT"
        }
        if (FOLLOWER_FAIL == 'True') {
            die 'FOLLOWER_FAIL=True: failing on purpose after starting the follower'
        }
    }

    if ($1 == 'unstack') {
        stop_process 'follower'
    }
}
