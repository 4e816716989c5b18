#!/usr/bin/env bash
# Times whole commands, encsync against rclone, on the same data in the same run, and prints the
# ratios. Wall time and peak RSS come from GNU time; every cell is the median of --runs runs.
#
#   bash bench/bench.sh [--runs N] [--suite local|s3|all] [--big-mib N] [--rss-gib N] [--work DIR]
#
# local: 1 GiB file and 5,000 x 4 KiB push/pull, no-op push of 10,000 files, 10,000 x 4 KiB push
#        (encsync push/pull vs rclone copy through a crypt remote over a local folder)
# s3:    1 GiB file and 2,000 x 4 KiB push/pull to a moto server on loopback (rclone: crypt over an
#        S3 remote at the same moto), and the peak RSS of encsync push of a --rss-gib GiB file.
# Data lives under --work (default /dev/shm when it has room), so disk speed plays no part.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=3 suite=all big_mib=1024 rss_gib=5 work=
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --suite) suite=$2; shift 2 ;;
    --big-mib) big_mib=$2; shift 2 ;;
    --rss-gib) rss_gib=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    *) echo "bench.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
command -v rclone >/dev/null || { echo "bench.sh: rclone is missing (apt-get install rclone)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench.sh: GNU time is missing (apt-get install time)" >&2; exit 2; }
if [ -z "$work" ]; then
  if [ "$(df -Pm /dev/shm | awk 'NR==2{print $4}')" -gt $((big_mib * 6 + 2048)) ]; then work=/dev/shm/encsync-bench; else work=${TMPDIR:-/tmp}/encsync-bench; fi
fi
rm -rf "$work"; mkdir -p "$work"
moto_pids=()
trap 'rm -rf "$work"; [ ${#moto_pids[@]} -gt 0 ] && kill "${moto_pids[@]}" 2>/dev/null; true' EXIT

"$root/encsync" --version >/dev/null   # builds the jar once, outside the timings
jar="$root/cli/target/encsync.jar"
export ENCSYNC_PASSWORD='bench-password-not-secret'
obscured=$(env -u AWS_CA_BUNDLE rclone obscure "$ENCSYNC_PASSWORD")
conf="$work/rclone.conf"
results="$work/results.tsv"; : > "$results"

# rclone 1.60's S3 backend fails every request when AWS_CA_BUNDLE is set: run it without.
rc=(env -u AWS_CA_BUNDLE rclone --config "$conf")
read -r -a java_opts <<< "${ENCSYNC_JAVA_OPTS:--XX:+UseSerialGC -Xms16m}"   # as ./encsync runs it
es=(java "${java_opts[@]}" -jar "$jar")

# measure NAME TOOL PREP CMD...: runs PREP (untimed) then CMD under GNU time, --runs times;
# records the median wall seconds and the median peak RSS (KiB).
measure() {
  local name=$1 tool=$2 prep=$3; shift 3
  local walls=() rsss=()
  for _ in $(seq "$runs"); do
    eval "$prep"
    /usr/bin/time -f '%e %M' -o "$work/time.out" "$@" >/dev/null 2>"$work/cmd.err" || {
      echo "bench.sh: $tool failed on $name:" >&2; cat "$work/cmd.err" >&2; exit 1; }
    read -r w r < <(tail -1 "$work/time.out")
    walls+=("$w"); rsss+=("$r")
  done
  local mw mr
  mw=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
  mr=$(printf '%s\n' "${rsss[@]}" | sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
  printf '%s\t%s\t%s\t%s\n' "$name" "$tool" "$mw" "$mr" >> "$results"
  printf '  %-34s %-8s %8.2f s  %7.0f MiB\n' "$name" "$tool" "$mw" "$(awk -v k="$mr" 'BEGIN{print k/1024}')"
}

make_files() { # DIR COUNT SIZE
  mkdir -p "$1"; python3 - "$1" "$2" "$3" <<'PY'
import os, sys
d, n, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for i in range(n):
    sub = os.path.join(d, "d%02d" % (i % 50))
    os.makedirs(sub, exist_ok=True)
    with open(os.path.join(sub, "f%05d.bin" % i), "wb") as f:
        f.write(os.urandom(size))
PY
}

echo "bench: work folder $work, $runs runs per cell, $(nproc) cores"
mkdir -p "$work/big"; head -c $((big_mib * 1024 * 1024)) /dev/urandom > "$work/big/big.bin"
make_files "$work/s5k" 5000 4096
make_files "$work/s10k" 10000 4096
make_files "$work/s2k" 2000 4096
bytes_big=$((big_mib * 1024 * 1024))

local_suite() {
  cat > "$conf" <<CONF
[vault]
type = crypt
remote = $work/rvault
password = $obscured
CONF
  for set in big s5k s10k; do
    measure "push $set (local)" encsync "rm -rf $work/evault" "${es[@]}" push "$work/$set" "$work/evault" --quiet
    measure "push $set (local)" rclone "rm -rf $work/rvault" "${rc[@]}" copy "$work/$set" vault:
    if [ "$set" != s10k ]; then
      measure "pull $set (local)" encsync "rm -rf $work/out" "${es[@]}" pull "$work/evault" "$work/out" --quiet
      measure "pull $set (local)" rclone "rm -rf $work/out" "${rc[@]}" copy vault: "$work/out"
    fi
  done
  # no-op: the vaults above hold s10k; push the unchanged tree again
  measure "no-op push s10k (local)" encsync "true" "${es[@]}" push "$work/s10k" "$work/evault" --quiet
  measure "no-op push s10k (local)" rclone "true" "${rc[@]}" copy "$work/s10k" vault:
}

start_moto() { # sets $ep; each tool gets its own server so that resetting one never touches the other
  local port; port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  moto_server -H 127.0.0.1 -p "$port" >"$work/moto-$port.log" 2>&1 &
  moto_pids+=("$!")
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/moto-api/" >/dev/null && break; sleep 0.2; done
  ep="http://127.0.0.1:$port"
}

s3_suite() {
  command -v moto_server >/dev/null || { echo "bench.sh: moto_server is missing (python3 -m pip install 'moto[server]')" >&2; exit 2; }
  moto_pids=()
  local ep ep_e ep_r
  start_moto; ep_e=$ep
  start_moto; ep_r=$ep
  export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench-secret AWS_REGION=us-east-1
  cat > "$conf" <<CONF
[moto]
type = s3
provider = Other
env_auth = true
endpoint = $ep_r
region = us-east-1
force_path_style = true
acl =

[vault]
type = crypt
remote = moto:rbucket
password = $obscured
CONF
  local s3opts=(--endpoint "$ep_e" --path-style --region us-east-1)
  local fresh_e="curl -fs -X POST $ep_e/moto-api/reset >/dev/null; curl -fs -X PUT $ep_e/ebucket >/dev/null"
  local fresh_r="curl -fs -X POST $ep_r/moto-api/reset >/dev/null; curl -fs -X PUT $ep_r/rbucket >/dev/null"
  for set in big s2k; do
    measure "push $set (s3)" encsync "$fresh_e" "${es[@]}" push "$work/$set" s3://ebucket "${s3opts[@]}" --quiet
    measure "push $set (s3)" rclone "$fresh_r" "${rc[@]}" copy "$work/$set" vault:
    measure "pull $set (s3)" encsync "rm -rf $work/out" "${es[@]}" pull s3://ebucket "$work/out" "${s3opts[@]}" --quiet
    measure "pull $set (s3)" rclone "rm -rf $work/out" "${rc[@]}" copy vault: "$work/out"
  done
  if [ "$rss_gib" -gt 0 ]; then
    rm -rf "$work/big" "$work/out"; mkdir -p "$work/huge"
    head -c $((rss_gib * 1024 * 1024 * 1024)) /dev/zero > "$work/huge/huge.bin"
    runs_saved=$runs; runs=1
    measure "push ${rss_gib} GiB (s3, peak RSS)" encsync "$fresh_e" "${es[@]}" push "$work/huge" s3://ebucket "${s3opts[@]}" --quiet
    runs=$runs_saved; rm -rf "$work/huge"
  fi
  kill "${moto_pids[@]}" 2>/dev/null || true
}

case "$suite" in
  local) local_suite ;;
  s3) s3_suite ;;
  all) local_suite; s3_suite ;;
  *) echo "bench.sh: --suite must be local, s3 or all" >&2; exit 2 ;;
esac

echo
echo "| workload | encsync s | rclone s | speed-up (rclone s / encsync s) | encsync MiB/s or files/s | encsync peak RSS MiB | rclone peak RSS MiB |"
echo "|---|---|---|---|---|---|---|"
awk -F'\t' -v big="$bytes_big" '
  { key=$1; if ($2=="encsync") { e[key]=$3; er[key]=$4; order[++n]=key } else { r[key]=$3; rr[key]=$4 } }
  END {
    for (i=1;i<=n;i++) { k=order[i];
      if (k ~ / big /) thr=sprintf("%.0f MiB/s", big/1048576/e[k]);
      else if (k ~ /s10k/) thr=sprintf("%.0f files/s", 10000/e[k]);
      else if (k ~ /s5k/) thr=sprintf("%.0f files/s", 5000/e[k]);
      else if (k ~ /s2k/) thr=sprintf("%.0f files/s", 2000/e[k]);
      else thr="-";
      if (k in r) printf "| %s | %.2f | %.2f | %.2fx | %s | %.0f | %.0f |\n", k, e[k], r[k], r[k]/e[k], thr, er[k]/1024, rr[k]/1024;
      else printf "| %s | %.2f | - | - | %s | %.0f | - |\n", k, e[k], thr, er[k]/1024;
    }
  }' "$results"
exit 0   # every failure above has already exited non-zero with a message
