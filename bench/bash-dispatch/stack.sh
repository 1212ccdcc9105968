#!/usr/bin/env bash
# The part of DevStack's stack.sh that runs extras.d, for bench/lifecycle.sh to set beside the host: the settings
# from localrc, a log and a summary log, every hook sourced at every phase in name order with the mode and the
# phase as $1 and $2 (run_phase), and the completion line. Nothing else of stack.sh runs.
set -o errexit
set -o pipefail

TOP_DIR=$(cd "$(dirname "$0")" && pwd)
source "$TOP_DIR/functions-common"
source "$TOP_DIR/localrc"

LOGDIR=$DEST/logs
mkdir -p "$LOGDIR"
LOGFILE=$LOGDIR/stack.sh.log
# As in stack.sh: fd 3 is the console, stdout and stderr go to the log, fd 6 carries the summary lines to the
# summary log and the console.
exec 3>&1
exec 1>>"$LOGFILE" 2>&1
exec 6> >(tee -a "$LOGFILE.summary" >&3)

# run_phase MODE [PHASE]: sources every readable extras.d hook with MODE and PHASE, in name order.
function run_phase {
    local mode=$1 phase=${2:-} hook
    for hook in "$TOP_DIR"/extras.d/*.sh; do
        if [[ -r $hook ]]; then
            source "$hook" "$mode" "$phase"
        fi
    done
}

run_phase source
run_phase stack pre-install
run_phase stack install
run_phase stack post-config
run_phase stack extra
run_phase stack test-config

echo_summary "stack.sh completed in $SECONDS seconds."
