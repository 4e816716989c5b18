#!/usr/bin/env bash
# Times whole commands, encsync against rclone, on the same data in the same run, and prints the
# ratios. Wall time and peak RSS come from GNU time; every cold cell is the median of --runs runs.
#
#   bash bench/bench.sh [--runs N] [--suite local|s3|warm|rss|all|LIST] [--big-mib N] [--rss-gib N]
#                       [--warm-runs N] [--work DIR] [--json]
#
# local: 1 GiB file and 5,000 x 4 KiB push/pull, no-op push of 10,000 files, 10,000 x 4 KiB push
#        (the encsync CLI's push/pull vs rclone copy through a crypt remote over a local folder)
# s3:    1 GiB file and 2,000 x 4 KiB push/pull to a moto server on loopback (rclone: crypt over an
#        S3 remote at its own moto), and the peak RSS of encsync push of a --rss-gib GiB file. Each
#        moto server is warmed by one untimed push and pull of its tool before anything is timed.
# warm:  the Jenkins-agent case: each workload of local and s3 (no-op push included) runs
#        --warm-runs times (default 6) in one JVM through the task classes the plugin runs on its
#        agents (bench's WarmRun); the median of runs 3..N is compared with rclone's cold figure
#        (taken from the local and s3 suites of the same call when they ran, else measured here).
#        Its RSS column is the peak of the whole JVM over all runs.
# rss:   only the s3 suite's peak-RSS cell (a --rss-gib GiB push to moto; moto needs about 4 GB of
#        memory for each GiB while it completes the upload).
# all:   local, s3, then warm; a comma-separated LIST (s3,warm) runs those in that order.
# --json: one JSON object per line on stdout instead of the table (progress goes to stderr):
#        {"suite","workload","encsync_s","rclone_s","ratio","encsync_rss_mib"}; ratio is
#        rclone_s / encsync_s (> 1: encsync is faster); null where there is no rclone figure.
# Data lives under --work (default /dev/shm when it has room), so disk speed plays no part.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=3 warm_runs=6 suite=all big_mib=1024 rss_gib=5 work= json=false
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --warm-runs) warm_runs=$2; shift 2 ;;
    --suite) suite=$2; shift 2 ;;
    --big-mib) big_mib=$2; shift 2 ;;
    --rss-gib) rss_gib=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --json) json=true; shift ;;
    *) echo "bench.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ "$suite" = all ] && suite=local,s3,warm
IFS=, read -r -a suites <<< "$suite"
for s in "${suites[@]}"; do
  case "$s" in local|s3|warm|rss) ;; *) echo "bench.sh: --suite must be local, s3, warm, rss, all or a comma-separated list of them, was $suite" >&2; exit 2 ;; esac
done
if [[ ",$suite," == *,rss,* ]] && [ "$rss_gib" -eq 0 ]; then
  echo "bench.sh: --suite rss needs --rss-gib 1 or more" >&2; exit 2
fi
[ "$warm_runs" -ge 3 ] || { echo "bench.sh: --warm-runs must be 3 or more (runs 1-2 are warm-up)" >&2; exit 2; }
command -v rclone >/dev/null || { echo "bench.sh: rclone is missing (apt-get install rclone)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench.sh: GNU time is missing (apt-get install time)" >&2; exit 2; }
if [ "$suite" != local ]; then   # s3 and warm need moto
  command -v moto_server >/dev/null || { echo "bench.sh: moto_server is missing (python3 -m pip install 'moto[server]')" >&2; exit 2; }
fi
if [ -z "$work" ]; then
  if [ "$(df -Pm /dev/shm | awk 'NR==2{print $4}')" -gt $((big_mib * 6 + 2048)) ]; then work=/dev/shm/encsync-bench; else work=${TMPDIR:-/tmp}/encsync-bench; fi
fi
rm -rf "$work"; mkdir -p "$work"
moto_pids=() rss_dir=
trap 'rm -rf "$work" ${rss_dir:+"$rss_dir"}; [ ${#moto_pids[@]} -gt 0 ] && kill "${moto_pids[@]}" 2>/dev/null; true' EXIT
# With --json, stdout carries only the JSON lines.
if $json; then exec 3>&1 1>&2; else exec 3>&1; fi

"$root/encsync" --version >/dev/null   # builds the CLI jar once, outside the timings
jar="$root/cli/target/encsync.jar"
bench_jar="$root/bench/target/benchmarks.jar"
if [[ ",$suite," == *,warm,* ]]; then
  if [ ! -f "$bench_jar" ] || [ -n "$(find "$root/core/src/main" "$root/bench/src/main" -newer "$bench_jar" -print -quit)" ]; then
    (cd "$root" && mvn -q -B -ntp -DskipTests -pl bench -am package >&2)
  fi
fi
export ENCSYNC_PASSWORD='bench-password-not-secret'
obscured=$(env -u AWS_CA_BUNDLE rclone obscure "$ENCSYNC_PASSWORD")
conf="$work/rclone.conf"
results="$work/results.tsv"; : > "$results"   # suite, workload, tool, wall s, peak RSS KiB, moto CPU s

# rclone 1.60's S3 backend fails every request when AWS_CA_BUNDLE is set: run it without.
rc=(env -u AWS_CA_BUNDLE rclone --config "$conf")
# As ./encsync runs it: its default flags, read from the launcher so the two never differ.
launcher_opts=$(sed -n 's/^default_opts+\{0,1\}="\(.*\)"$/\1/p' "$root/encsync" | tr '\n' ' ')
read -r -a java_opts <<< "${ENCSYNC_JAVA_OPTS:-$launcher_opts}"
es=(java "${java_opts[@]}" -jar "$jar")
# The warm suite runs as an agent's JVM does: the JVM's own defaults, none of the launcher's flags.
read -r -a warm_opts <<< "${BENCH_WARM_JAVA_OPTS:-}"
warm=(java "${warm_opts[@]}" -cp "$bench_jar" io.encsync.bench.WarmRun --runs "$warm_runs")

median() { sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
mib() { awk -v k="$1" 'BEGIN{printf "%.0f", k/1024}'; }

# CPU seconds (user + system) that process PID has used so far; 0 without a PID.
cpu_of() {
  [ -n "${1:-}" ] || { echo 0; return; }
  awk -v hz="$(getconf CLK_TCK)" '{sub(/^.*\) /, ""); print ($12 + $13) / hz}' "/proc/$1/stat"
}

# measure SUITE NAME TOOL PREP CMD...: runs PREP (untimed) then CMD under GNU time, --runs times;
# records the median wall seconds, the median peak RSS (KiB) and, with $moto_pid set, the median
# CPU seconds that moto server spent serving the command.
measure() {
  local suite_name=$1 name=$2 tool=$3 prep=$4; shift 4
  local walls=() rsss=() motos=()
  for _ in $(seq "$runs"); do
    eval "$prep"
    local m0; m0=$(cpu_of "${moto_pid:-}")
    /usr/bin/time -f '%e %M' -o "$work/time.out" "$@" >/dev/null 2>"$work/cmd.err" || {
      echo "bench.sh: $tool failed on $name:" >&2; cat "$work/cmd.err" >&2; exit 1; }
    local m1; m1=$(cpu_of "${moto_pid:-}")
    read -r w r < <(tail -1 "$work/time.out")
    walls+=("$w"); rsss+=("$r"); motos+=("$(awk -v a="$m0" -v b="$m1" 'BEGIN{print b - a}')")
  done
  record "$suite_name" "$name" "$tool" "$(printf '%s\n' "${walls[@]}" | median)" \
    "$(printf '%s\n' "${rsss[@]}" | median)" "$(printf '%s\n' "${motos[@]}" | median)"
}

record() { # SUITE NAME TOOL WALL RSS_KIB MOTO_CPU
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >> "$results"
  printf '  %-6s %-32s %-8s %8.2f s  %6s MiB%s\n' "$1" "$2" "$3" "$4" "$(mib "$5")" \
    "$([ "${6:-0}" = 0 ] || printf '  (moto CPU %.2f s)' "$6")"
}

# warm_measure NAME BEFORE WARMRUN-ARGS...: one WarmRun JVM under GNU time; records the median of
# its counted runs and the JVM's peak RSS.
warm_measure() {
  local name=$1 before=$2; shift 2
  local args=("${warm[@]}")
  [ -z "$before" ] || args+=(--before "$before")
  /usr/bin/time -f '%e %M' -o "$work/time.out" "${args[@]}" "$@" >"$work/warm.out" 2>"$work/cmd.err" || {
    echo "bench.sh: WarmRun failed on $name:" >&2; cat "$work/cmd.err" "$work/warm.out" >&2; exit 1; }
  local s r
  s=$(awk '/^median of runs/{print $(NF-1)}' "$work/warm.out")
  read -r _ r < <(tail -1 "$work/time.out")
  record warm "$name" encsync "$s" "$r" 0
  echo "         runs (s): $(awk '/^run /{printf "%s ", $3}' "$work/warm.out"), process CPU (s): $(awk '/^run /{printf "%s ", $7}' "$work/warm.out")" >&2
}

# rclone_cold NAME PREP CMD...: rclone's cold figure for a warm row, from the cold suites if they ran.
rclone_cold() {
  local name=$1; shift
  awk -F'\t' -v n="$name" '$2==n && $3=="rclone" {found=1} END{exit !found}' "$results" \
    || measure cold "$name" rclone "$@"
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

echo "bench: work folder $work, $runs runs per cold cell, $warm_runs per warm JVM, $(nproc) cores"
mkdir -p "$work/big"; head -c $((big_mib * 1024 * 1024)) /dev/urandom > "$work/big/big.bin"
make_files "$work/s5k" 5000 4096
make_files "$work/s10k" 10000 4096
make_files "$work/s2k" 2000 4096
bytes_big=$((big_mib * 1024 * 1024))

local_conf() {
  cat > "$conf" <<CONF
[vault]
type = crypt
remote = $work/rvault
password = $obscured
CONF
}

local_suite() {
  local_conf
  local moto_pid=
  for set in big s5k s10k; do
    measure local "push $set (local)" encsync "rm -rf $work/evault" "${es[@]}" push "$work/$set" "$work/evault" --quiet
    measure local "push $set (local)" rclone "rm -rf $work/rvault" "${rc[@]}" copy "$work/$set" vault:
    if [ "$set" != s10k ]; then
      measure local "pull $set (local)" encsync "rm -rf $work/out" "${es[@]}" pull "$work/evault" "$work/out" --quiet
      measure local "pull $set (local)" rclone "rm -rf $work/out" "${rc[@]}" copy vault: "$work/out"
    fi
  done
  # no-op: the vaults above hold s10k; push the unchanged tree again
  measure local "no-op push s10k (local)" encsync "true" "${es[@]}" push "$work/s10k" "$work/evault" --quiet
  measure local "no-op push s10k (local)" rclone "true" "${rc[@]}" copy "$work/s10k" vault:
}

start_moto() { # prints "PID URL"; each tool gets its own server so that resetting one never touches the other
  local port; port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  moto_server -H 127.0.0.1 -p "$port" >"$work/moto-$port.log" 2>&1 &
  local pid=$!
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/moto-api/" >/dev/null && break; sleep 0.2; done
  echo "$pid http://127.0.0.1:$port"
}

# The S3 servers, started once for the s3 and warm suites, each warmed by one untimed push and
# pull of its tool (moto's first requests of each kind are slow: it is Python and imports lazily).
ep_e= ep_r= pid_e= pid_r=
s3_setup() {
  [ -z "$ep_e" ] || return 0
  read -r pid_e ep_e < <(start_moto); moto_pids+=("$pid_e")
  read -r pid_r ep_r < <(start_moto); moto_pids+=("$pid_r")
  # Key id in the shape of a real one: the task classes check it.
  export AWS_ACCESS_KEY_ID=BENCHACCESSKEY00 AWS_SECRET_ACCESS_KEY=bench-secret AWS_REGION=us-east-1
  s3opts=(--endpoint "$ep_e" --path-style --region us-east-1)
  fresh_e="curl -fs -X POST $ep_e/moto-api/reset >/dev/null; curl -fs -X PUT $ep_e/ebucket >/dev/null"
  fresh_r="curl -fs -X POST $ep_r/moto-api/reset >/dev/null; curl -fs -X PUT $ep_r/rbucket >/dev/null"
  s3_conf
  eval "$fresh_e"; "${es[@]}" push "$work/s2k" s3://ebucket "${s3opts[@]}" --quiet
  rm -rf "$work/out"; "${es[@]}" pull s3://ebucket "$work/out" "${s3opts[@]}" --quiet
  eval "$fresh_r"; "${rc[@]}" copy "$work/s2k" vault:
  rm -rf "$work/out"; "${rc[@]}" copy vault: "$work/out"
}

s3_conf() {
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
}

s3_suite() {
  s3_setup; s3_conf
  local moto_pid
  for set in big s2k; do
    moto_pid=$pid_e measure s3 "push $set (s3)" encsync "$fresh_e" "${es[@]}" push "$work/$set" s3://ebucket "${s3opts[@]}" --quiet
    moto_pid=$pid_r measure s3 "push $set (s3)" rclone "$fresh_r" "${rc[@]}" copy "$work/$set" vault:
    moto_pid=$pid_e measure s3 "pull $set (s3)" encsync "rm -rf $work/out" "${es[@]}" pull s3://ebucket "$work/out" "${s3opts[@]}" --quiet
    moto_pid=$pid_r measure s3 "pull $set (s3)" rclone "rm -rf $work/out" "${rc[@]}" copy vault: "$work/out"
  done
  [ "$rss_gib" -eq 0 ] || rss_cell
}

# The peak RSS of encsync push of a --rss-gib GiB file to S3 (issue #11: under 300 MiB for 5 GiB).
rss_cell() {
  local moto_pid
  # moto holds a multipart object in memory about three times over while it completes it (16-21 GB
  # resident for 5 GiB), so this cell leaves it the machine's memory: the source is a sparse file
  # of zeros (no memory, read at memory speed), the earlier cells' outputs are deleted and
  # rclone's moto is emptied.
  rm -rf "$work/out" "$work/evault" "$work/rvault"; eval "$fresh_r"
  rss_dir=$(mktemp -d "${TMPDIR:-/var/tmp}/encsync-bench-rss.XXXXXX")
  truncate -s $((rss_gib * 1024 * 1024 * 1024)) "$rss_dir/huge.bin"
  local runs_saved=$runs; runs=1
  moto_pid=$pid_e measure s3 "push ${rss_gib} GiB (s3, peak RSS)" encsync "$fresh_e" "${es[@]}" push "$rss_dir" s3://ebucket "${s3opts[@]}" --quiet
  runs=$runs_saved; rm -rf "$rss_dir"; rss_dir=; eval "$fresh_e"
}

rss_suite() {
  s3_setup; s3_conf; rss_cell
}

warm_suite() {
  local moto_pid=
  local_conf
  for set in big s5k; do
    warm_measure "push $set (local)" "rm -rf $work/evault" push "$work/$set" "$work/evault"
    rclone_cold "push $set (local)" "rm -rf $work/rvault" "${rc[@]}" copy "$work/$set" vault:
    # the last warm push left its vault in place
    warm_measure "pull $set (local)" "rm -rf $work/out" pull "$work/evault" "$work/out"
    rclone_cold "pull $set (local)" "rm -rf $work/out" "${rc[@]}" copy vault: "$work/out"
  done
  rm -rf "$work/evault" "$work/rvault"
  "${es[@]}" push "$work/s10k" "$work/evault" --quiet   # untimed: the vault the no-op pushes find
  warm_measure "no-op push s10k (local)" "" push "$work/s10k" "$work/evault"
  "${rc[@]}" copy "$work/s10k" vault:
  rclone_cold "no-op push s10k (local)" "true" "${rc[@]}" copy "$work/s10k" vault:

  s3_setup; s3_conf
  for set in big s2k; do
    warm_measure "push $set (s3)" "$fresh_e" push "$work/$set" s3://ebucket "${s3opts[@]}"
    moto_pid=$pid_r rclone_cold "push $set (s3)" "$fresh_r" "${rc[@]}" copy "$work/$set" vault:
    warm_measure "pull $set (s3)" "rm -rf $work/out" pull s3://ebucket "$work/out" "${s3opts[@]}"
    moto_pid=$pid_r rclone_cold "pull $set (s3)" "rm -rf $work/out" "${rc[@]}" copy vault: "$work/out"
  done
}

for s in "${suites[@]}"; do "${s}_suite"; done

# One row per encsync figure, with rclone's (cold) figure for the same workload.
report() {
  awk -F'\t' -v big="$bytes_big" -v mode="$1" '
    $3=="rclone" { r[$2]=$4; rr[$2]=$5; next }
    { n++; s[n]=$1; k[n]=$2; e[n]=$4; er[n]=$5; mc[n]=$6 }
    END {
      if (mode=="table") {
        print "| suite | workload | encsync s | rclone s (cold) | speed-up (rclone s / encsync s) | encsync MiB/s or files/s | encsync peak RSS MiB | rclone peak RSS MiB | moto CPU s (encsync) |"
        print "|---|---|---|---|---|---|---|---|---|"
      }
      for (i=1;i<=n;i++) { w=k[i]
        if (mode=="json") {
          printf "{\"suite\":\"%s\",\"workload\":\"%s\",\"encsync_s\":%.3f,", s[i], w, e[i]
          if (w in r) printf "\"rclone_s\":%.3f,\"ratio\":%.3f,", r[w], r[w]/e[i]; else printf "\"rclone_s\":null,\"ratio\":null,"
          printf "\"encsync_rss_mib\":%.0f}\n", er[i]/1024
          continue
        }
        if (w ~ / big /) thr=sprintf("%.0f MiB/s", big/1048576/e[i]);
        else if (w ~ /no-op/) thr="-";
        else if (w ~ /s10k/) thr=sprintf("%.0f files/s", 10000/e[i]);
        else if (w ~ /s5k/) thr=sprintf("%.0f files/s", 5000/e[i]);
        else if (w ~ /s2k/) thr=sprintf("%.0f files/s", 2000/e[i]);
        else thr="-";
        moto=(mc[i] > 0) ? sprintf("%.2f", mc[i]) : "-"
        if (w in r) printf "| %s | %s | %.2f | %.2f | %.2fx | %s | %.0f | %.0f | %s |\n", s[i], w, e[i], r[w], r[w]/e[i], thr, er[i]/1024, rr[w]/1024, moto;
        else printf "| %s | %s | %.2f | - | - | %s | %.0f | - | %s |\n", s[i], w, e[i], thr, er[i]/1024, moto;
      }
    }' "$results"
}
if $json; then report json >&3; else echo; report table >&3; fi
exit 0   # every failure above has already exited non-zero with a message
