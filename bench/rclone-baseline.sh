#!/usr/bin/env bash
# Measures rclone crypt's single-file throughput on this machine, for comparison with
# CipherBenchmark: encrypts (local -> crypt over local) and decrypts one large file in RAM.
# Usage: bench/rclone-baseline.sh [size-in-MiB, default 256]
set -euo pipefail
size_mib=${1:-256}
command -v rclone >/dev/null || { echo "rclone not found: install rclone 1.60+ (Debian: apt-get install rclone)" >&2; exit 1; }
base=/dev/shm
[ -d "$base" ] && [ -w "$base" ] || base=${TMPDIR:-/tmp}
work=$(mktemp -d "$base/encsync-rclone-baseline.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/store"
pw=$(rclone obscure "baseline-password")
cat > "$work/rclone.conf" <<CONF
[enc]
type = crypt
remote = $work/store
filename_encryption = off
password = $pw
CONF
head -c "$((size_mib * 1024 * 1024))" /dev/urandom > "$work/plain.dat"
# rclone's S3 code fails with AWS_CA_BUNDLE set; not needed here, keep the environment clean.
run() { env -u AWS_CA_BUNDLE rclone --config "$work/rclone.conf" --transfers 1 "$@"; }
mbs() { awk -v s="$size_mib" -v t="$1" 'BEGIN { printf "%.0f", s / t }'; }
for round in 1 2 3; do
  rm -f "$work/store/plain.dat.bin" "$work/out.dat"
  t0=$(date +%s.%N); run copyto "$work/plain.dat" enc:plain.dat; t1=$(date +%s.%N)
  run copyto enc:plain.dat "$work/out.dat"; t2=$(date +%s.%N)
  cmp -s "$work/plain.dat" "$work/out.dat" || { echo "round trip mismatch" >&2; exit 1; }
  enc=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
  dec=$(awk -v a="$t1" -v b="$t2" 'BEGIN { print b - a }')
  echo "round $round: rclone encrypt $(mbs "$enc") MB/s, decrypt $(mbs "$dec") MB/s (${size_mib} MiB, includes process start)"
done
