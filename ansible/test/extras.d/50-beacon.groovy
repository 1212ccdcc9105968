// 50-beacon.groovy - the one-machine test's controller service (see ansible/test-on-one-machine.sh)
//
// The beacon is a small HTTP service on the controller's own address (HOST_IP, port BEACON_PORT), started with
// run_process. It serves a token made when the controller stacks, which the sub-nodes fetch from SERVICE_HOST:
// finding it proves that they stacked after the controller and reached it at its address.

if (is_service_enabled('beacon')) {

    if ($1 == 'source') {
        die_if_not_set 'BEACON_PORT', 'BEACON_PORT must be set in local.conf'
        BEACON_DIR = "$DATA_DIR/beacon"
    }

    if ($1 == 'stack' && $2 == 'install') {
        echo_summary "Installing Beacon"
        sh "mkdir -p '$BEACON_DIR'"
        write_file "$BEACON_DIR/token", "${UUID.randomUUID()} made by $HOST_IP\n"

    } else if ($1 == 'stack' && $2 == 'extra') {
        echo_summary "Starting Beacon on $HOST_IP:$BEACON_PORT"
        run_process 'beacon', "/usr/bin/python3 -m http.server --bind $HOST_IP $BEACON_PORT --directory $BEACON_DIR"
        if (!wait_for_service(60, "http://$HOST_IP:$BEACON_PORT/token")) {
            die "the beacon does not answer on $HOST_IP:$BEACON_PORT"
        }
    }

    if ($1 == 'unstack') {
        stop_process 'beacon'
    }
}
