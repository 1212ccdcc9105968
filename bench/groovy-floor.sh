#!/usr/bin/env bash
# bench/groovy-floor.sh - the least any run of a Groovy hook costs here: a JVM that starts the Groovy runtime and
# stops (bench/groovy-floor/GroovyFloor.java), with the launcher's flags and a class-data archive of its own, next
# to `java -version`. No program that starts a JVM per run can run a hook faster than this: it is the floor under
# bench/lifecycle.sh's figures (docs/performance.md).
#
# Usage: bench/groovy-floor.sh [RUNS]   (default 7; the program is built first if needed)
#   JAVA_HOME=/usr/lib/jvm/X  the JDK to measure (default: the one bin/devstack runs on)
set -euo pipefail

RUNS=${1:-7}
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/groovy-floor.sh [RUNS]" >&2; exit 2; }
TOP_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

version=$("$TOP_DIR/bin/devstack" --version) # builds it if needed
if [[ -z ${JAVA_HOME:-} ]]; then
    # the JDK whose version bin/devstack reported
    number=$(sed -n 's/^Java \([^,]*\),.*/\1/p' <<<"$version")
    JAVA_HOME=$(grep -l "^JAVA_VERSION=\"$number\"" /usr/lib/jvm/*/release | head -n 1 | xargs dirname)
fi
java=$JAVA_HOME/bin/java
major=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$JAVA_HOME/bin/javac" -d "$work/classes" -cp "$TOP_DIR/target/lib/*" "$TOP_DIR/bench/groovy-floor/GroovyFloor.java"
# A jar: class-data archives hold classes from jars only.
"$JAVA_HOME/bin/jar" --create --file "$work/floor.jar" -C "$work/classes" .
classpath="$TOP_DIR/target/lib/groovy-5.0.7.jar:$work/floor.jar"
# bin/devstack's flags, and an archive of the classes this program loads, made by one run of it.
flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms16m -XX:-UsePerfData -Xlog:cds*=off)
if ((major >= 25)); then
    "$java" "${flags[@]}" -Xlog:aot*=off -XX:AOTCacheOutput="$work/floor.aot" -cp "$classpath" GroovyFloor call &>/dev/null
    flags+=(-Xlog:aot*=off -XX:AOTCache="$work/floor.aot")
else
    "$java" "${flags[@]}" -XX:ArchiveClassesAtExit="$work/floor.jsa" -cp "$classpath" GroovyFloor call &>/dev/null
    flags+=(-XX:SharedArchiveFile="$work/floor.jsa")
fi

echo "# Java $("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p'), $(nproc) cores," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg), $RUNS runs each, medians (fastest-slowest)"
# floor NAME COMMAND...: the median wall time of RUNS runs of COMMAND
floor() {
    local name=$1 r start
    shift
    for ((r = 0; r < RUNS; r++)); do
        start=$EPOCHREALTIME
        "$@" >/dev/null 2>&1
        awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.4f\n", b - a }'
    done | sort -g | awk -v name="$name" '{ v[NR] = $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "%-58s %6.3f s (%.3f-%.3f)\n", name, m, v[1], v[NR] }'
}
floor "java -version" "$java" "${flags[@]}" -version
floor "Groovy's meta-class registry" "$java" "${flags[@]}" -cp "$classpath" GroovyFloor registry
floor "  and the first GString made a String" "$java" "${flags[@]}" -cp "$classpath" GroovyFloor gstring
floor "  and the first dynamic call: the floor under one hook" "$java" "${flags[@]}" -cp "$classpath" GroovyFloor call
