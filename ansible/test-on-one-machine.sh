#!/usr/bin/env bash
# test-on-one-machine.sh - the multinode playbooks, tested for real on one machine.
#
# Usage: ansible/test-on-one-machine.sh           run the test (as root, on Debian; takes a few minutes)
#        ansible/test-on-one-machine.sh --check   only say whether it can run here: exit 0, or exit 3 with why not
#
# Three hosts (controller, compute1, compute2) are network namespaces with their own addresses on a bridge, each
# running sshd; Ansible runs in a fourth namespace that holds the bridge, and drives them over ssh with the
# inventory in test/inventory.yaml and the small plugin tree in test/extras.d. Every address is in 10.250.0.0/24
# inside those namespaces: no traffic leaves them.
#
#   1. Failures: compute2's sshd is stopped and compute1's stack is made to fail. stack.yaml must report compute2
#      as unreachable and compute1 with its failing step and the last lines of its log (fetched back), and leave
#      what the controller and compute1 started running.
#   2. Fixed: compute2's sshd is back and nothing fails. stack.yaml runs again: the controller starts its beacon
#      on its address, then each sub-node waits for it at SERVICE_HOST, configures itself with what it serves,
#      and starts its follower on its own address. The test checks every host's local.conf, configuration files
#      and processes, then runs unstack.yaml and clean.yaml and checks that nothing is left running (of either
#      run) and the state is gone.
#
# What the test needs and the machine lacks (ansible-core, iproute2, openssh-client, git) is installed from Debian's
# archive with apt and purged at the end, with every package apt pulled in. sshd is taken from Debian's
# openssh-server package but only unpacked into the test's directory, never installed: installing it would start
# a system-wide sshd, and it requires exactly its own version of openssh-client, so it would upgrade the
# machine's, which a purge cannot undo. Whatever happens, the end removes the namespaces, processes, keys, the
# privilege separation user and directory sshd needs (when the test made them) and the temporary directory,
# and checks that dpkg's package list is what it was.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROJECT=$(dirname "$HERE")
PREFIX=dsmn-$$                       # every namespace this run makes starts with it
SWITCH=$PREFIX-switch                # holds the bridge and the Ansible side (10.250.0.254)
HOSTS=(controller compute1 compute2)
declare -A ADDRESS=([controller]=10.250.0.10 [compute1]=10.250.0.11 [compute2]=10.250.0.12)
BEACON_PORT=8780                     # as in test/inventory.yaml
FOLLOWER_PORT=8781
STEP_TIMEOUT=600                     # seconds: a safety net for one apt or ansible-playbook run, far above either

started=$SECONDS
work=
made_namespaces=()
made_netns_dir=false
made_sshd_user=false
made_privsep_dir=false
# Where Ansible would keep its files if the test's settings did not send them to its own directory.
ANSIBLE_IN_ROOT_HOME=$(getent passwd root | cut -d: -f6)/.ansible
had_ansible_home=false
[[ -e $ANSIBLE_IN_ROOT_HOME ]] && had_ansible_home=true

say() { printf '[multinode %3ds] %s\n' $((SECONDS - started)) "$*"; }
fail() { say "FAILED: $*" >&2; exit 1; }

# --- can it run here? ----------------------------------------------------------------------------------------

# Prints why the test cannot run on this machine, or nothing. Tries what the test does: a namespace holding a
# bridge and a veth pair.
why_not() {
    if ((EUID != 0)); then
        echo "it must run as root (it makes network namespaces and installs packages)"
        return
    fi
    local tool
    for tool in apt-get dpkg-query dpkg-deb; do
        if ! command -v "$tool" >/dev/null; then
            echo "it needs Debian's package tools ($tool is missing)"
            return
        fi
    done
    if ! command -v ip >/dev/null; then
        # iproute2 would be installed by the test; ask the kernel directly.
        unshare --net true 2>/dev/null || echo "this machine does not allow network namespaces (unshare --net fails)"
        return
    fi
    local probe=$PREFIX-probe had_dir=false error
    [[ -d /run/netns ]] && had_dir=true
    if ! error=$( { ip netns add "$probe" && ip -n "$probe" link add br0 type bridge &&
                    ip -n "$probe" link add veth0 type veth peer name veth1; } 2>&1); then
        echo "this machine does not allow network namespaces with a bridge and veth pairs: ${error//$'\n'/ }"
    fi
    ip netns del "$probe" 2>/dev/null || true
    $had_dir || remove_netns_dir
}

# ip netns add makes /run/netns and mounts it on itself; undo that when it was not there before and is empty.
remove_netns_dir() {
    if [[ -d /run/netns && -z $(ls -A /run/netns) ]]; then
        if mountpoint -q /run/netns; then umount /run/netns || true; fi
        rmdir /run/netns 2>/dev/null || true
    fi
}

# --- clean-up: runs on every exit ----------------------------------------------------------------------------

cleanup() {
    local status=$1 ns pids
    set +e
    trap - EXIT INT TERM
    say "cleaning up"
    # Every process in the test's namespaces: the sshds, and whatever a failed run left (beacon, followers).
    for ns in "${made_namespaces[@]}"; do
        pids=$(ip netns pids "$ns" 2>/dev/null)
        [[ -n $pids ]] && kill -TERM $pids 2>/dev/null
    done
    local waited=0
    while ((waited < 20)); do
        pids=$(for ns in "${made_namespaces[@]}"; do ip netns pids "$ns" 2>/dev/null; done)
        [[ -z $pids ]] && break
        sleep 0.5
        waited=$((waited + 1))
    done
    [[ -n $pids ]] && kill -KILL $pids 2>/dev/null
    for ns in "${made_namespaces[@]}"; do
        ip netns del "$ns" || status=1
    done
    $made_netns_dir && remove_netns_dir
    $made_sshd_user && { userdel sshd || status=1; }
    $made_privsep_dir && rmdir /run/sshd
    if [[ -n $work && -s $work/installed-by-test ]]; then
        say "purging what the test installed: $(tr '\n' ' ' <"$work/installed-by-test")"
        DEBIAN_FRONTEND=noninteractive timeout "$STEP_TIMEOUT" apt-get purge --assume-yes --quiet \
            -o DPkg::Lock::Timeout=300 $(cat "$work/installed-by-test") >"$work/apt-purge.log" 2>&1 ||
            { cat "$work/apt-purge.log" >&2; status=1; }
    fi
    if [[ -n $work && -f $work/dpkg-before ]]; then
        if ! dpkg-query -W | diff "$work/dpkg-before" - >&2; then
            say "the installed packages differ from before the test (above)" >&2
            status=1
        fi
    fi
    if ! $had_ansible_home && [[ -e $ANSIBLE_IN_ROOT_HOME ]]; then
        say "Ansible wrote $ANSIBLE_IN_ROOT_HOME, which the test's settings should have kept in its own directory" >&2
        rm -rf "$ANSIBLE_IN_ROOT_HOME"
        status=1
    fi
    [[ -n $work ]] && rm -rf "$work"
    if ((status == 0)); then say "passed"; else say "exit $status" >&2; fi
    exit "$status"
}

# --- set-up ----------------------------------------------------------------------------------------------------

installed() { [[ $(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null) == installed ]]; }

install_packages() {
    local needed=() package
    for package in ansible-core iproute2 openssh-client git; do
        installed "$package" || needed+=("$package")
    done
    dpkg-query -W -f='${binary:Package}\t${db:Status-Status}\n' | awk '$2 == "installed" {print $1}' |
        sort >"$work/installed-before"
    if ((${#needed[@]} == 0)); then
        say "ansible-core, iproute2, openssh-client and git are installed already"
        return
    fi
    # Refuse what a purge could not undo: an upgrade or removal of something installed.
    local plan
    if ! plan=$(apt-get install --simulate --no-install-recommends "${needed[@]}" 2>&1); then
        say "apt does not know ${needed[*]}: updating its package lists"
        timeout "$STEP_TIMEOUT" apt-get update --quiet >"$work/apt-update.log" 2>&1 ||
            { cat "$work/apt-update.log" >&2; fail "apt-get update failed"; }
        plan=$(apt-get install --simulate --no-install-recommends "${needed[@]}" 2>&1) ||
            { echo "$plan" >&2; fail "apt cannot install ${needed[*]}"; }
    fi
    if grep -E '^(Inst [^ ]+ \[|Remv )' <<<"$plan" >&2; then
        fail "installing ${needed[*]} would upgrade or remove the packages above, which the clean-up could not undo"
    fi
    say "installing ${needed[*]} (with --no-install-recommends)"
    DEBIAN_FRONTEND=noninteractive timeout "$STEP_TIMEOUT" apt-get install --assume-yes --quiet \
        --no-install-recommends -o DPkg::Lock::Timeout=300 "${needed[@]}" >"$work/apt-install.log" 2>&1 ||
        { cat "$work/apt-install.log" >&2; record_installed; fail "apt-get install failed"; }
    record_installed
}

# What is installed now and was not before: what the clean-up purges.
record_installed() {
    dpkg-query -W -f='${binary:Package}\t${db:Status-Status}\n' | awk '$2 == "installed" {print $1}' | sort |
        comm -13 "$work/installed-before" - >"$work/installed-by-test"
}

# Unpacks sshd from Debian's openssh-server package (and the libraries it needs that are not installed) into
# $work/sshd; sets SSHD and SSHD_LIBS.
unpack_sshd() {
    local dir=$work/sshd debs=$work/debs package
    mkdir -p "$dir" "$debs"
    say "unpacking sshd from Debian's openssh-server package (not installing it)"
    (cd "$debs" && timeout "$STEP_TIMEOUT" apt-get download --quiet -o APT::Sandbox::User=root openssh-server) \
        >"$work/apt-download.log" 2>&1 || { cat "$work/apt-download.log" >&2; fail "apt-get download openssh-server failed"; }
    local libraries=()
    for package in $(dpkg-deb --field "$debs"/openssh-server_*.deb Depends | tr ',|' '\n\n' | awk '{print $1}'); do
        [[ $package == lib* ]] && ! installed "$package" && libraries+=("$package")
    done
    if ((${#libraries[@]})); then
        (cd "$debs" && timeout "$STEP_TIMEOUT" apt-get download --quiet -o APT::Sandbox::User=root "${libraries[@]}") \
            >>"$work/apt-download.log" 2>&1 ||
            { cat "$work/apt-download.log" >&2; fail "apt-get download ${libraries[*]} failed"; }
    fi
    local deb
    for deb in "$debs"/*.deb; do
        dpkg-deb --extract "$deb" "$dir"
    done
    SSHD=$dir/usr/sbin/sshd
    SSHD_LIBS=$(find "$dir" -name '*.so*' -printf '%h\n' | sort -u | paste -sd:)
    if LD_LIBRARY_PATH=$SSHD_LIBS ldd "$SSHD" | grep 'not found' >&2; then
        fail "sshd lacks the libraries above"
    fi
    # sshd refuses to start without its privilege separation user and directory.
    if ! getent passwd sshd >/dev/null; then
        useradd --system --no-create-home --home-dir /run/sshd --shell /usr/sbin/nologin --gid nogroup sshd
        made_sshd_user=true
    fi
    if [[ ! -d /run/sshd ]]; then
        mkdir -m 0755 /run/sshd
        made_privsep_dir=true
    fi
}

make_network() {
    say "making the namespaces: $SWITCH (bridge, 10.250.0.254) and ${HOSTS[*]/#/$PREFIX-}"
    [[ -d /run/netns ]] || made_netns_dir=true
    ip netns add "$SWITCH"
    made_namespaces+=("$SWITCH")
    ip -n "$SWITCH" link set lo up
    ip -n "$SWITCH" link add br0 type bridge
    ip -n "$SWITCH" address add 10.250.0.254/24 dev br0
    ip -n "$SWITCH" link set br0 up
    local host ns
    for host in "${HOSTS[@]}"; do
        ns=$PREFIX-$host
        ip netns add "$ns"
        made_namespaces+=("$ns")
        ip -n "$ns" link set lo up
        ip -n "$SWITCH" link add "v-$host" type veth peer name eth0 netns "$ns"
        ip -n "$SWITCH" link set "v-$host" master br0 up
        ip -n "$ns" address add "${ADDRESS[$host]}/24" dev eth0
        ip -n "$ns" link set eth0 up
    done
}

make_keys() {
    local ssh=$work/ssh host
    mkdir -m 0700 "$ssh"
    ssh-keygen -q -t ed25519 -N '' -C devstack-multinode-test -f "$ssh/id_ed25519"
    cp "$ssh/id_ed25519.pub" "$ssh/authorized_keys"
    for host in "${HOSTS[@]}"; do
        ssh-keygen -q -t ed25519 -N '' -C "$host" -f "$ssh/host-$host"
        echo "${ADDRESS[$host]} $(cut -d' ' -f1-2 "$ssh/host-$host.pub")" >>"$ssh/known_hosts"
        cat >"$ssh/sshd_config-$host" <<EOF
ListenAddress ${ADDRESS[$host]}:22
HostKey $ssh/host-$host
PidFile $ssh/sshd-$host.pid
AuthorizedKeysFile $ssh/authorized_keys
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
# The keys are in the test's temporary directory, inside a world-writable one that StrictModes would refuse.
StrictModes no
PrintMotd no
PrintLastLog no
X11Forwarding no
AllowTcpForwarding no
AllowAgentForwarding no
# Ansible copies files with sftp.
Subsystem sftp internal-sftp
EOF
    done
}

# start_sshd HOST: starts sshd in the host's namespace and waits until it has written its pid file.
start_sshd() {
    local host=$1 pidfile=$work/ssh/sshd-$1.pid waited=0
    rm -f "$pidfile"
    ip netns exec "$PREFIX-$host" env LD_LIBRARY_PATH="$SSHD_LIBS" "$SSHD" -f "$work/ssh/sshd_config-$host" \
        -E "$work/ssh/sshd-$host.log"
    until [[ -s $pidfile ]]; do
        ((waited++ < 60)) || { cat "$work/ssh/sshd-$host.log" >&2; fail "sshd on $host did not start"; }
        sleep 0.5
    done
}

stop_sshd() {
    local pid
    pid=$(cat "$work/ssh/sshd-$1.pid")
    kill -TERM "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
}

# The checkout the hosts get: the project's wrappers, libraries, prerequisite lists, hypervisor plugins, sources
# and built program (copied with their times, so that bin/devstack finds the program up to date), with the test's
# hooks as its extras.d.
make_checkout() {
    local checkout=$work/checkout
    [[ -f $PROJECT/target/devstack.jar && -d $PROJECT/target/lib ]] ||
        { echo "test-on-one-machine.sh: build the program first (mvn -B package in $PROJECT)" >&2; exit 2; }
    mkdir -p "$checkout/target" "$checkout/extras.d" "$checkout/src"
    cp -a "$PROJECT/bin" "$PROJECT/stack.sh" "$PROJECT/unstack.sh" "$PROJECT/clean.sh" "$PROJECT/lib" \
        "$PROJECT/files" "$PROJECT/nova_plugins" "$PROJECT/pom.xml" "$checkout/"
    cp -a "$PROJECT/src/main" "$checkout/src/"
    cp -a "$PROJECT/target/devstack.jar" "$PROJECT/target/lib" "$checkout/target/"
    cp -a "$HERE"/test/extras.d/*.groovy "$checkout/extras.d/"
}

# The marker plugin (test/marker-plugin) as a git repository, for the sub-nodes' enable_plugin.
make_plugin_repository() {
    local repo=$work/marker-plugin
    git init --quiet --initial-branch=master "$repo"
    cp -a "$HERE/test/marker-plugin/devstack" "$repo/"
    git -C "$repo" add --all
    git -C "$repo" -c user.name=devstack-test -c user.email=devstack-test@localhost commit --quiet -m 'marker plugin'
}

# The unit tests of the localrc filter, with the ansible-core just installed.
test_filters() {
    say "unit tests of the localrc filter"
    PYTHONDONTWRITEBYTECODE=1 PYTHONPATH=$HERE/roles/write-devstack-local-conf/filter_plugins \
        /usr/bin/python3 -m unittest discover --start-directory "$HERE/test" 2>&1 | sed 's/^/    | /'
}

# --- running and checking ------------------------------------------------------------------------------------

# playbook NAME [ARGS...]: runs ansible/NAME with the test inventory from the switch namespace, in a clean
# environment whose home is the test's directory; its output is shown indented and kept in $work/last-playbook.
# Its exit code is ansible-playbook's (pipefail; tee and sed do not fail). Afterwards the ssh connections Ansible
# kept open (ControlPersist) are closed, and the hosts' sshd sessions have ended.
playbook() {
    local name=$1
    shift
    say "ansible-playbook $name $*"
    local status=0
    ip netns exec "$SWITCH" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$work/home" LANG=C.UTF-8 \
        ANSIBLE_CONFIG="$HERE/ansible.cfg" ANSIBLE_HOME="$work/ansible" ANSIBLE_NOCOLOR=1 \
        ANSIBLE_SSH_ARGS='-o ControlMaster=auto -o ControlPersist=60s' PYTHONDONTWRITEBYTECODE=1 \
        timeout "$STEP_TIMEOUT" /usr/bin/ansible-playbook -i "$HERE/test/inventory.yaml" \
        -e "devstack_test_root=$work" "$@" "$HERE/$name" 2>&1 | tee "$work/last-playbook" | sed 's/^/    | /' ||
        status=$?
    close_connections
    return "$status"
}

# Ends the ssh connections Ansible keeps for reuse (the only processes left in the switch namespace once
# ansible-playbook has exited) and waits until the hosts' sshd sessions are gone.
close_connections() {
    local pids host waited=0
    pids=$(ip netns pids "$SWITCH")
    [[ -z $pids ]] || kill -TERM $pids 2>/dev/null || true
    for host in "${HOSTS[@]}"; do
        while [[ -n $(sessions "$host") ]] && ((waited++ < 100)); do sleep 0.1; done
    done
}

# sessions HOST: the pids of the host's sshd processes other than its listener.
sessions() {
    local pid listener
    listener=$(cat "$work/ssh/sshd-$1.pid" 2>/dev/null)
    for pid in $(ip netns pids "$PREFIX-$1"); do
        [[ $pid != "$listener" && $(cat "/proc/$pid/comm" 2>/dev/null) == sshd ]] && echo "$pid"
    done
    return 0
}

# fetch URL: the body, fetched from the switch namespace (where Ansible runs), never through a proxy.
fetch() {
    ip netns exec "$SWITCH" /usr/bin/python3 -c '
import sys, urllib.request
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
sys.stdout.write(opener.open(sys.argv[1], timeout=30).read().decode())' "$1"
}

# expect DESCRIPTION TEST...: runs the test command; fails the run with the description when it fails.
expect() {
    local what=$1
    shift
    "$@" || fail "$what"
}

contains() { grep -qxF -- "$2" "$1"; }
lacks() { ! grep -q -- "$2" "$1"; }
output_has() { grep -qF -- "$1" "$work/last-playbook"; }

# running HOST SERVICE: the service's recorded process is alive and in the host's namespace.
running() {
    local pidfile=$work/hosts/$1/status/$2.pid pid
    [[ -f $pidfile ]] || return 1
    pid=$(head -n 1 "$pidfile")
    kill -0 "$pid" 2>/dev/null && [[ $(ip netns identify "$pid") == "$PREFIX-$1" ]]
}

# only_sshd HOST: nothing runs in the host's namespace but its sshd.
only_sshd() {
    local pids
    pids=$(ip netns pids "$PREFIX-$1" | grep -vxF "$(cat "$work/ssh/sshd-$1.pid")" || true)
    if [[ -n $pids ]]; then
        ps -o pid,args -p "$(tr '\n' ',' <<<"$pids" | sed 's/,$//')" >&2
        return 1
    fi
}

listening_on() { ip netns exec "$PREFIX-$1" ss -Hltn "sport = :$2" | awk '{print $4}'; }

check_stacked() {
    local host conf dest token
    dest=$work/hosts/controller
    say "checking the controller"
    conf=$dest/devstack/local.conf
    expect "controller's local.conf sets HOST_IP to its address" contains "$conf" "HOST_IP=${ADDRESS[controller]}"
    expect "controller's local.conf sets SERVICE_HOST to its address" contains "$conf" "SERVICE_HOST=${ADDRESS[controller]}"
    expect "controller's local.conf sets its own DEST" contains "$conf" "DEST=$dest"
    expect "controller's local.conf starts from no service" contains "$conf" "disable_all_services"
    expect "controller's local.conf enables the beacon" contains "$conf" "enable_service beacon"
    expect "the controller has no DATABASE_HOST of its own" lacks "$conf" '^DATABASE_HOST='
    expect "the beacon runs in the controller's namespace" running controller beacon
    expect "the beacon listens on the controller's address only" \
        test "$(listening_on controller $BEACON_PORT)" == "${ADDRESS[controller]}:$BEACON_PORT"
    token=$(cat "$dest/data/beacon/token")
    expect "the beacon serves its token at the controller's address" \
        test "$(fetch "http://${ADDRESS[controller]}:$BEACON_PORT/token")" == "$token"
    expect "the controller's NOVA_CONF is its own" grep -qx 'compute_driver = fake.FakeDriver' "$dest/etc/nova/nova.conf"
    for host in compute1 compute2; do
        say "checking $host"
        dest=$work/hosts/$host
        conf=$dest/devstack/local.conf
        [[ $host == compute1 ]] && sed 's/^/    | /' "$conf"
        expect "$host's local.conf sets HOST_IP to its own address" contains "$conf" "HOST_IP=${ADDRESS[$host]}"
        expect "$host's local.conf sets SERVICE_HOST to the controller's address" \
            contains "$conf" "SERVICE_HOST=${ADDRESS[controller]}"
        expect "$host's local.conf sets its own DEST" contains "$conf" "DEST=$dest"
        expect "$host's local.conf points DATABASE_HOST at the controller" contains "$conf" 'DATABASE_HOST=$SERVICE_HOST'
        expect "$host's local.conf points RABBIT_HOST at the controller" contains "$conf" 'RABBIT_HOST=$SERVICE_HOST'
        expect "$host's local.conf sets SERVICE_HOST before using it" \
            test "$(grep -n '^SERVICE_HOST=' "$conf" | cut -d: -f1)" -lt "$(grep -n '^DATABASE_HOST=' "$conf" | cut -d: -f1)"
        expect "$host's local.conf enables the marker plugin" contains "$conf" "enable_plugin marker $work/marker-plugin"
        expect "$host's marker plugin got MARKER_OWNER set before MARKER_TEXT, which uses it" \
            contains "$dest/data/marker/text" "made for ${ADDRESS[controller]} by follower-${ADDRESS[$host]}"
        expect "$host's local.conf enables the follower and n-cpu only" \
            test "$(grep -E '^(disable_all_services|enable_service)' "$conf" | tr '\n' ' ')" == \
            "disable_all_services enable_service n-cpu enable_service follower "
        expect "$host's follower.conf holds the token the controller made" \
            contains "$dest/data/follower/follower.conf" "controller_token = $token"
        expect "$host's follower.conf holds its own address" contains "$dest/data/follower/follower.conf" "host_ip = ${ADDRESS[$host]}"
        expect "$host's follower.conf holds the controller's address" \
            contains "$dest/data/follower/follower.conf" "service_host = ${ADDRESS[controller]}"
        expect "$host's NOVA_CONF is its own, with the fake driver" \
            contains "$dest/etc/nova/nova.conf" 'compute_driver = fake.FakeDriver'
        expect "$host's NOVA_CONF has its own my_ip (devstack_local_conf)" \
            contains "$dest/etc/nova/nova.conf" "my_ip = ${ADDRESS[$host]}"
        expect "$host's follower runs in its own namespace" running "$host" follower
        expect "$host's follower serves its configuration on its own address" \
            test "$(fetch "http://${ADDRESS[$host]}:$FOLLOWER_PORT/follower.conf")" == "$(cat "$dest/data/follower/follower.conf")"
    done
}

check_nothing_runs() {
    local host lock
    for host in "${HOSTS[@]}"; do
        # The launcher builds its JVM archive in the background after a host's first run, and that ends by
        # itself; it holds this lock while it does.
        lock=$work/hosts/$host/cache/jvm/training.lock
        if [[ -e $lock ]] && ! timeout "$STEP_TIMEOUT" flock "$lock" true; then
            say "the launcher's archive build on $host did not end within ${STEP_TIMEOUT}s" >&2
        fi
        expect "nothing but sshd is left running on $host" only_sshd "$host"
        expect "no pid file is left on $host" test -z "$(ls -A "$work/hosts/$host/status" 2>/dev/null)"
    done
}

check_cleaned() {
    local host
    for host in "${HOSTS[@]}"; do
        expect "clean removed $host's DATA_DIR" test ! -e "$work/hosts/$host/data"
        expect "clean removed $host's NOVA_CONF" test ! -e "$work/hosts/$host/etc/nova/nova.conf"
        expect "clean kept $host's copy of the project" test -f "$work/hosts/$host/devstack/target/devstack.jar"
    done
}

scenario_fixed() {
    say "scenario 2: fixed, stack again, then unstack and clean on three hosts"
    expect "stack.yaml succeeds" playbook stack.yaml
    check_stacked
    expect "unstack.yaml succeeds" playbook unstack.yaml
    expect "unstack.yaml unstacked the sub-nodes before the controller" \
        test "$(grep -n 'Unstack the sub-nodes, all at once' "$work/last-playbook" | head -1 | cut -d: -f1)" \
        -lt "$(grep -n 'Unstack the controller last' "$work/last-playbook" | head -1 | cut -d: -f1)"
    check_nothing_runs
    expect "clean.yaml succeeds" playbook clean.yaml
    check_cleaned
}

scenario_failures() {
    say "scenario 1: compute2 unreachable, compute1's stack fails"
    stop_sshd compute2
    local status=0
    playbook stack.yaml -e '{"devstack_test_failing": ["compute1"]}' || status=$?
    expect "stack.yaml fails when hosts fail" test "$status" -ne 0
    expect "compute2 is reported unreachable" output_has "compute2 is unreachable at ${ADDRESS[compute2]}"
    expect "compute1's failure is reported with its exit code" output_has "compute1: stack.sh failed (exit 1)"
    expect "compute1's failing step is reported" \
        output_has "failing step: stack extra in extras.d/60-follower.groovy"
    expect "compute1's failure says why" output_has "FOLLOWER_FAIL=True: failing on purpose"
    local fetched
    fetched=$(find "$work/fetched-logs/compute1" -name 'stack.sh.log.*' 2>/dev/null | head -1)
    expect "compute1's log is fetched back" test -n "$fetched"
    expect "the report names the fetched log" output_has "log: $fetched"
    expect "the fetched log holds the error" grep -qF '[ERROR] stack extra in extras.d/60-follower.groovy' "$fetched"
    expect "the report shows the last lines of the log" output_has "Starting Follower on ${ADDRESS[compute1]}:$FOLLOWER_PORT"
    expect "the controller is left running" running controller beacon
    expect "compute1's follower is left running for unstack" running compute1 follower
    expect "compute2 has not been touched" test ! -e "$work/hosts/compute2"
    start_sshd compute2
}

main() {
    case "${1:-}" in
        --check)
            local reason
            reason=$(why_not)
            if [[ -n $reason ]]; then echo "the multinode test cannot run here: $reason"; exit 3; fi
            echo "the multinode test can run here"
            exit 0 ;;
        '') ;;
        *) echo "usage: $0 [--check]" >&2; exit 2 ;;
    esac
    local reason
    reason=$(why_not)
    [[ -z $reason ]] || { echo "test-on-one-machine.sh: cannot run here: $reason" >&2; exit 3; }

    work=$(mktemp -d -t devstack-multinode.XXXXXX)
    trap 'cleanup $?' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    mkdir -p "$work/home" "$work/ansible"
    dpkg-query -W >"$work/dpkg-before"
    make_checkout
    install_packages
    expect "the localrc filter passes its unit tests" test_filters
    make_plugin_repository
    unpack_sshd
    make_network
    make_keys
    local host
    for host in "${HOSTS[@]}"; do start_sshd "$host"; done
    say "sshd runs on ${ADDRESS[*]}"
    scenario_failures
    scenario_fixed
}

main "$@"
