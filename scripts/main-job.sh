#!/usr/bin/env bash
# The main job on the embedded default store (a local folder, no cloud): encrypts a sample folder
# into a local vault in rclone's crypt format, restores it into another folder, and compares.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=${1:-$(mktemp -d "${TMPDIR:-/tmp}/encsync-demo.XXXXXX")}
export ENCSYNC_PASSWORD=${ENCSYNC_PASSWORD:-demo-password-change-me}

"$root/encsync" push "$root/examples/sample" "$work/vault"
echo "--- the vault, as stored (names and contents encrypted):"
(cd "$work/vault" && find . -type f | sort)
"$root/encsync" pull "$work/vault" "$work/restored"
diff -r "$root/examples/sample" "$work/restored"
echo "--- restored $work/restored: identical to examples/sample"
