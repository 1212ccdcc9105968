#!/usr/bin/env bash
# unstack.sh - DevStack's unstack.sh, run by the Groovy plugin host (see README.md)
exec "$(dirname "${BASH_SOURCE[0]}")/bin/devstack" unstack "$@"
