#!/usr/bin/env bash
# pack.sh SRC ARCHIVE - pack the checkout at SRC into the tar file ARCHIVE for the hosts: the plugin tree
# (extras.d, nova_plugins, lib, files, the wrappers) and the built program (target/devstack.jar, target/lib),
# with a .devstack-copy file that marks the unpacked copy as made by the playbooks.
#
# Left out: .git, the rest of target/, the playbooks (ansible/), and the machine's own configuration (local.conf,
# localrc, local.sh, .localrc.auto), because each host gets its own local.conf. Exit 2 when the program is not
# built or is older than its sources: the hosts must not run a stale program, and nothing is built on them.
set -euo pipefail

if (($# != 2)); then
    echo "usage: pack.sh SRC ARCHIVE" >&2
    exit 2
fi
src=$1
archive=$2
jar=$src/target/devstack.jar

if [[ ! -f $jar || ! -d $src/target/lib ]]; then
    echo "pack.sh: $jar or $src/target/lib is missing: build the program first (cd $src && mvn -B package)," \
        "nothing is built on the hosts" >&2
    exit 2
fi
sources=()
[[ -e $src/pom.xml ]] && sources+=("$src/pom.xml")
[[ -d $src/src/main ]] && sources+=("$src/src/main")
if ((${#sources[@]})) && [[ -n $(find "${sources[@]}" -newer "$jar" -print -quit) ]]; then
    echo "pack.sh: $jar is older than its sources: rebuild it (cd $src && mvn -B package)" >&2
    exit 2
fi

# Written beside the archive and renamed, so that a cut-short run never leaves a truncated archive behind.
partial=$archive.partial
marker=$(mktemp -d)
trap 'rm -rf "$partial" "$marker"' EXIT
printf '%s\n' "A copy of $src made by the devstack playbooks (ansible/); their next stack replaces it." \
    "local.conf is written from the inventory." >"$marker/.devstack-copy"
# The same checkout packs into the same bytes, so that the hosts' copy of the archive need not be sent again.
touch --reference="$jar" "$marker/.devstack-copy"
tar --create --file="$partial" --directory="$src" --anchored \
    --exclude=./.git --exclude=./target --exclude=./ansible \
    --exclude=./local.conf --exclude=./localrc --exclude=./local.sh --exclude=./.localrc.auto .
tar --append --file="$partial" --directory="$src" ./target/devstack.jar ./target/lib
tar --append --file="$partial" --directory="$marker" ./.devstack-copy
mv "$partial" "$archive"
