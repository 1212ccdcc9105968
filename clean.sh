#!/usr/bin/env bash
# clean.sh - DevStack's clean.sh, run by the Groovy plugin host (see README.md)
exec "$(dirname "${BASH_SOURCE[0]}")/bin/devstack" clean "$@"
