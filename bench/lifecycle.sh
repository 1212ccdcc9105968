#!/usr/bin/env bash
# bench/lifecycle.sh - how long the host takes to start, compile plugins and run the lifecycle.
#
# Builds a throw-away tree with N hooks (default 20) and a fake hypervisor, then times, over R runs each
# (default 5): `unstack` (start-up, configuration, compiling every plugin, two phases) and `stack` (all phases,
# no package to install). Prints the median and the worst in milliseconds, and fails when a median is over its
# target, so a regression shows up as a failing benchmark rather than a slow test.
#
# Usage: bench/lifecycle.sh [HOOKS] [RUNS]      (build first: mvn -B -q -Dmaven.test.skip=true package)
set -euo pipefail

HOOKS=${1:-20}
RUNS=${2:-5}
TARGET_UNSTACK_MS=${TARGET_UNSTACK_MS:-3000}
TARGET_STACK_MS=${TARGET_STACK_MS:-4000}

TOP_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAR="$TOP_DIR/target/devstack.jar"
[[ -f "$JAR" ]] || { echo "bench: build the jar first (mvn -B -q -Dmaven.test.skip=true package)" >&2; exit 2; }

tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
mkdir -p "$tree/extras.d" "$tree/nova_plugins" "$tree/lib"
for i in $(seq 1 "$HOOKS"); do
    n=$(printf '%02d' $((i % 90 + 10)))
    cat > "$tree/extras.d/$n-bench$i.groovy" <<HOOK
if (is_service_enabled('bench')) {
    if (\$1 == 'source') { BENCH_$i = "hook $i" }
    if (\$1 == 'stack' && \$2 == 'post-config') { iniset "\$DEST/bench.conf", 'hook$i', 'value', BENCH_$i }
}
HOOK
done
cp "$TOP_DIR/nova_plugins/hypervisor-fake.groovy" "$tree/nova_plugins/"
cat > "$tree/local.conf" <<CONF
[[local|localrc]]
DEST=$tree/dest
NOVA_CONF=$tree/dest/nova.conf
ENABLED_SERVICES=bench,n-cpu
VERBOSE=False
CONF

# time_ms COMMAND... : runs it RUNS times, prints "median worst" in milliseconds
time_ms() {
    local samples=()
    for _ in $(seq 1 "$RUNS"); do
        local start end
        start=$(date +%s%N)
        "$@" >/dev/null 2>&1
        end=$(date +%s%N)
        samples+=($(( (end - start) / 1000000 )))
    done
    printf '%s\n' "${samples[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)], a[NR] }'
}

status=0
report() {
    local name=$1 target=$2 median=$3 worst=$4
    local verdict=ok
    if (( median > target )); then verdict="OVER TARGET"; status=1; fi
    printf '%-8s %4d hooks  median %5d ms  worst %5d ms  target %5d ms  %s\n' "$name" "$HOOKS" "$median" "$worst" "$target" "$verdict"
}

java -jar "$JAR" stack --top-dir "$tree" >/dev/null 2>&1 || { echo "bench: the stack run failed" >&2; exit 1; }
read -r median worst < <(time_ms java -jar "$JAR" unstack --top-dir "$tree")
report unstack "$TARGET_UNSTACK_MS" "$median" "$worst"
read -r median worst < <(time_ms java -jar "$JAR" stack --top-dir "$tree")
report stack "$TARGET_STACK_MS" "$median" "$worst"
exit $status
