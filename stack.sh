#!/usr/bin/env bash
# stack.sh - DevStack's stack.sh, run by the Groovy plugin host (see README.md)
exec "$(dirname "${BASH_SOURCE[0]}")/bin/devstack" stack "$@"
