#!/usr/bin/env bash
# bench/lifecycle.sh - how fast the host starts and dispatches hooks, next to bash dispatching the same hooks.
#
# For each size N (default 20, 100 and 300) it builds a throw-away tree of N trivial hooks (each checks
# is_service_enabled, then prints an echo_summary, at every phase), runs `stack` on it RUNS times, and prints
# every figure as a median with its spread (fastest-slowest) and the target it must meet:
#   --version                                      <= 0.15 s
#   stack, warm (nothing changed since the last run): 20 hooks <= 0.4 s on Java 17, <= 0.3 s on Java 24+;
#                                                     100 hooks <= 0.7 s
#   stack, cold (the first run after editing one hook) <= warm + 0.5 s
#   300 hooks: no super-linear term (the cost of a hook from 100 to 300 at most 1.5x its cost from 20 to 100)
#   peak RSS of stack at 100 hooks                 <= 150 MiB
# A warm run is one that finds the spare JVM the last run left ready (docs/configuration.md, "The spare JVM"), as
# a run does that comes a few seconds after the last: the benchmark waits for it before each run, outside the
# timing, and counts its memory with the launcher's. "no spare JVM" is the same run in the launcher's own JVM
# (DEVSTACK_SPARE_JVM=off), printed for comparison, without a target.
# In the same run, bench/bash-dispatch/ runs the same hooks written in bash the way DevStack's stack.sh runs
# extras.d (every hook sourced at every phase, DevStack's is_service_enabled), so every figure has its ratio.
# It ends with the floor (bench/groovy-floor.sh): what a JVM that only starts the Groovy runtime costs here.
# Exits 1 when a figure misses its target, 2 on bad usage. Performance is checked here, never in a unit test.
#
# Usage: bench/lifecycle.sh [RUNS]          (default 7; the program is built first if needed)
#   BENCH_SIZES="20 100"      other tree sizes (the 300-hook check needs 20, 100 and 300)
#   JAVA_HOME=/usr/lib/jvm/X  the JDK the launcher uses (default: the newest installed, 17 or later)
#   DEVSTACK="java -jar old/devstack.jar"   measure another program the same way (no launcher, no archive)
set -euo pipefail

RUNS=${1:-7}
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/lifecycle.sh [RUNS]" >&2; exit 2; }
SIZES=${BENCH_SIZES:-20 100 300}

TOP_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_DIR="$TOP_DIR/bench"
if [[ -n ${DEVSTACK:-} ]]; then
    read -ra program <<<"$DEVSTACK"
else
    program=("$TOP_DIR/bin/devstack")
fi

work=$(mktemp -d)
# The benchmark's class cache, JVM archive and spare JVMs: its own, so that it measures what it builds.
export DEVSTACK_CACHE_DIR="$work/cache"
mkdir -m 700 "$DEVSTACK_CACHE_DIR"
spares="$DEVSTACK_CACHE_DIR/jvm/spare"
# The spare JVM that serves a run reports its peak memory here (the launcher's own is measured by time(1)).
export DEVSTACK_SPARE_JVM_REPORT="$work/spare-rss"

# stop_spares: stops the spare JVMs the benchmark left (their wrappers' process groups), and waits for them.
stop_spares() {
    local dir pid pids=()
    for dir in "$spares"/*-*.*; do
        [[ -d $dir ]] || continue
        pid=${dir##*-}
        pid=${pid%.*}
        kill -TERM -- "-$pid" 2>/dev/null && pids+=("$pid")
    done
    for pid in "${pids[@]}"; do
        tail -s 0.2 --pid="$pid" -f /dev/null
    done
}
trap 'stop_spares; rm -rf "$work"' EXIT

# wait_for_spare: waits (at most two minutes) until the spare JVM the last run left is ready: a warm run is one
# that finds it so, as a run does that comes a few seconds after the last.
wait_for_spare() {
    local tries=0
    until compgen -G "$spares/*.ready" >/dev/null && ! compgen -G "$spares/*.warming" >/dev/null; do
        ((tries++ < 1200)) || { echo "bench: no spare JVM got ready within two minutes" >&2; exit 1; }
        sleep 0.1
    done
}

# --- trees --------------------------------------------------------------------------------------------------

# groovy_tree DIR N: N hooks, an enabled service, DEST inside DIR, offline.
groovy_tree() {
    local dir=$1 n=$2 i
    mkdir -p "$dir/extras.d"
    for ((i = 1; i <= n; i++)); do
        printf -v name '%02d-bench%03d.groovy' $((i % 90 + 10)) "$i"
        cat >"$dir/extras.d/$name" <<HOOK
if (is_service_enabled('bench')) {
    echo_summary "bench hook $i: \${\$1} \${\$2}"
}
HOOK
    done
    cat >"$dir/local.conf" <<CONF
[[local|localrc]]
DEST=$dir/dest
ENABLED_SERVICES=bench
OFFLINE=True
VERBOSE=False
CONF
}

# bash_tree DIR N: the same hooks in bash, with the stack.sh-shaped dispatcher next to them.
bash_tree() {
    local dir=$1 n=$2 i
    mkdir -p "$dir/extras.d"
    cp "$BENCH_DIR/bash-dispatch/stack.sh" "$BENCH_DIR/bash-dispatch/functions-common" "$dir/"
    for ((i = 1; i <= n; i++)); do
        printf -v name '%02d-bench%03d.sh' $((i % 90 + 10)) "$i"
        cat >"$dir/extras.d/$name" <<HOOK
if is_service_enabled bench; then
    echo_summary "bench hook $i: \$1 \$2"
fi
HOOK
    done
    printf 'DEST=%s\nENABLED_SERVICES=bench\n' "$dir/dest" >"$dir/localrc"
}

# --- measuring ----------------------------------------------------------------------------------------------

# measure OUT COMMAND...: runs COMMAND once, appends "seconds peak-KiB" to OUT; fails the bench if it fails.
measure() {
    local out=$1
    shift
    if [[ -z ${DEVSTACK:-} && ${DEVSTACK_SPARE_JVM:-on} == on && " $* " == *" stack "* ]]; then
        wait_for_spare
    fi
    : >"$DEVSTACK_SPARE_JVM_REPORT"
    local start=$EPOCHREALTIME
    if ! /usr/bin/time -f '%M' -o "$work/rss" "$@" >"$work/last.out" 2>&1; then
        echo "bench: this command failed: $*" >&2
        tail -n 20 "$work/last.out" >&2
        exit 1
    fi
    local end=$EPOCHREALTIME
    # Peak memory: the launcher's, plus that of the spare JVM that ran the command, if one did.
    local rss spare_rss
    rss=$(tail -n 1 "$work/rss")
    spare_rss=$(tail -n 1 "$DEVSTACK_SPARE_JVM_REPORT")
    echo "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f", b - a }') $((rss + ${spare_rss:-0}))" >>"$out"
}

# stats FILE COLUMN: "median min max" of a column of samples
stats() {
    sort -g -k"$2,$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        print m, v[1], v[NR] }'
}

status=0
# report NAME MEDIAN MIN MAX UNIT TARGET [BASH_MEDIAN]: one line, and the verdict against TARGET (empty: none)
report() {
    local name=$1 median=$2 min=$3 max=$4 unit=$5 target=$6 bash=${7:-}
    local verdict="" ratio=""
    if [[ -n $target ]]; then
        if awk -v m="$median" -v t="$target" 'BEGIN { exit !(m <= t) }'; then
            verdict="ok"
        else
            verdict="MISSED"
            status=1
        fi
    fi
    [[ -n $bash ]] && ratio=$(awk -v m="$median" -v b="$bash" 'BEGIN { printf "%.2fx bash (%.3f s)", m / b, b }')
    local digits=3
    [[ $unit == MiB ]] && digits=1
    printf "%-38s %9.${digits}f %-3s (%.${digits}f-%.${digits}f)  %-10s %-6s %s\n" "$name" "$median" "$unit" \
        "$min" "$max" "${target:+<= $target}" "$verdict" "$ratio"
}

# --- the program --------------------------------------------------------------------------------------------

if [[ -z ${DEVSTACK:-} ]]; then
    "${program[@]}" --version >/dev/null # builds it if needed
fi
version=$("${program[@]}" --version)
java_major=$(sed -n 's/^Java \([0-9]*\).*/\1/p' <<<"$version")
echo "$version" | sed 's/^/# /'
echo "# $(nproc) cores, $(awk '/model name/ { $1 = $2 = $3 = ""; print; exit }' /proc/cpuinfo | sed 's/^ *//'), load average $(cut -d' ' -f1-3 /proc/loadavg), $RUNS runs each"

# The first run of a new jar leaves the JVM's class-data archive to be built in the background, after it ends:
# wait for that, so that every figure below is of the program as users run it from the second run on.
"${program[@]}" --version >/dev/null
if [[ -e $DEVSTACK_CACHE_DIR/jvm/training.lock ]]; then
    flock -w 600 "$DEVSTACK_CACHE_DIR/jvm/training.lock" true
fi

: >"$work/version"
for ((r = 0; r < RUNS; r++)); do
    measure "$work/version" "${program[@]}" --version
done
read -r median min max < <(stats "$work/version" 1)
report "--version" "$median" "$min" "$max" s 0.15

declare -A warm
for n in $SIZES; do
    groovy_tree "$work/g$n" "$n"
    bash_tree "$work/b$n" "$n"
    "${program[@]}" stack --top-dir "$work/g$n" >/dev/null 2>&1 ||
        { echo "bench: stack failed on $n hooks" >&2; "${program[@]}" stack --top-dir "$work/g$n"; exit 1; }
    bash "$work/b$n/stack.sh" >/dev/null

    : >"$work/warm$n"
    : >"$work/cold$n"
    : >"$work/bash$n"
    : >"$work/nospare$n"
    for ((r = 0; r < RUNS; r++)); do
        measure "$work/bash$n" bash "$work/b$n/stack.sh"
        # In the launcher's own JVM: "off" also stops the spares, so these runs come first.
        DEVSTACK_SPARE_JVM=off measure "$work/nospare$n" "${program[@]}" stack --top-dir "$work/g$n"
    done
    "${program[@]}" stack --top-dir "$work/g$n" >/dev/null 2>&1 # leaves a spare JVM
    for ((r = 0; r < RUNS; r++)); do
        measure "$work/warm$n" "${program[@]}" stack --top-dir "$work/g$n"
        # cold: one hook edited since the last run
        echo "// edit $r" >>"$work/g$n/extras.d/$(ls "$work/g$n/extras.d" | head -n 1)"
        measure "$work/cold$n" "${program[@]}" stack --top-dir "$work/g$n"
    done
    read -r bash_median _ _ < <(stats "$work/bash$n" 1)
    read -r median min max < <(stats "$work/warm$n" 1)
    warm[$n]=$median
    target=""
    if ((n == 20)); then
        target=$( ((java_major >= 24)) && echo 0.3 || echo 0.4)
    elif ((n == 100)); then
        target=0.7
    fi
    report "stack $n hooks, warm" "$median" "$min" "$max" s "$target" "$bash_median"
    read -r cmedian cmin cmax < <(stats "$work/cold$n" 1)
    report "stack $n hooks, one hook edited" "$cmedian" "$cmin" "$cmax" s \
        "$(awk -v w="$median" 'BEGIN { printf "%.3f", w + 0.5 }')" "$bash_median"
    read -r nmedian nmin nmax < <(stats "$work/nospare$n" 1)
    report "stack $n hooks, warm, no spare JVM" "$nmedian" "$nmin" "$nmax" s "" "$bash_median"
    read -r rss rmin rmax < <(stats "$work/warm$n" 2)
    report "stack $n hooks, peak RSS" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" \
        "$(awk -v k="$rmin" 'BEGIN { print k / 1024 }')" "$(awk -v k="$rmax" 'BEGIN { print k / 1024 }')" MiB \
        "$( ((n == 100)) && echo 150)"
    read -r brss _ _ < <(stats "$work/bash$n" 2)
    printf '%-38s %9.1f MiB\n' "bash $n hooks, peak RSS" "$(awk -v k="$brss" 'BEGIN { print k / 1024 }')"
    rm -rf "$work/g$n/dest" "$work/b$n/dest"
done

if [[ -n ${warm[20]:-} && -n ${warm[100]:-} && -n ${warm[300]:-} ]]; then
    per_hook_low=$(awk -v a="${warm[20]}" -v b="${warm[100]}" 'BEGIN { printf "%.5f", (b - a) / 80 }')
    per_hook_high=$(awk -v a="${warm[100]}" -v b="${warm[300]}" 'BEGIN { printf "%.5f", (b - a) / 200 }')
    limit=$(awk -v l="$per_hook_low" 'BEGIN { printf "%.5f", (l > 0.0005 ? l : 0.0005) * 1.5 }')
    echo "cost of one more hook: ${per_hook_low} s from 20 to 100 hooks"
    report "cost of one more hook, 100 to 300" "$per_hook_high" "$per_hook_high" "$per_hook_high" s "$limit"
fi
# What the Groovy runtime alone costs a JVM on this machine: no run of the program can be faster (performance.md).
if [[ -z ${DEVSTACK:-} ]]; then
    echo "# the floor under any run of a hook (bench/groovy-floor.sh):"
    "$BENCH_DIR/groovy-floor.sh" "$RUNS" | sed -n '/^# /!p'
fi
exit $status
