// lib/demo.groovy - functions for the demo service, loaded by extras.d/60-demo.groovy
//
// The demo service is a real long-running process built from what every machine has (/bin/sh, date, sleep): it
// writes the time to $DEMO_DIR/heartbeat every DEMO_INTERVAL seconds. run_process starts it detached, logs its
// output to $LOGDIR/demo.log and keeps its pid in $SERVICE_DIR/demo.pid; stop_process (or unstack) stops it.

// Settings a user may override in local.conf; an unset setting reads as '', so ?: supplies the default.
DEMO_DIR = DEMO_DIR ?: "$DATA_DIR/demo"
DEMO_INTERVAL = DEMO_INTERVAL ?: '5'
DEMO_BIN = "$DEMO_DIR/demo-service.sh"

// install_demo - write the service's program
def install_demo() {
    // Single quotes: the shell reads DEMO_DIR from the environment, so any path is safe (blanks, quotes).
    sh 'mkdir -p "$DEMO_DIR"'
    write_file DEMO_BIN, '''#!/bin/sh
# demo-service.sh INTERVAL HEARTBEAT - the devstack demo service: writes the time to HEARTBEAT every INTERVAL
# seconds until it is stopped.
interval=$1
heartbeat=$2
trap 'echo "demo: stopping"; exit 0' TERM INT
echo "demo: started as pid $$, heartbeat every ${interval}s in $heartbeat"
while :; do
    date '+%Y-%m-%d %H:%M:%S' > "$heartbeat"
    # In the background and waited for, so that a SIGTERM is handled at once rather than after the sleep.
    sleep "$interval" &
    wait $!
done
''', '755'
}

// start_demo - start the service
def start_demo() {
    // The command as its words: each reaches the program as it is, whatever DEST holds.
    run_process 'demo', [DEMO_BIN, DEMO_INTERVAL, "$DEMO_DIR/heartbeat"]
}

// stop_demo - stop the service
def stop_demo() {
    stop_process 'demo'
}

// cleanup_demo - remove the service's state
def cleanup_demo() {
    sh 'rm -rf "$DEMO_DIR"'
}
