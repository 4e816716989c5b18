#!/usr/bin/env bash
# Times whole commands, encsync against rclone, on the same data in the same run, and prints the
# ratios. Wall time and peak RSS come from GNU time; every cold cell is the median of --runs runs.
#
#   bash bench/bench.sh [--runs N] [--suite local|s3|warm|rss|all|LIST] [--big-mib N] [--rss-gib N]
#                       [--warm-runs N] [--s3-server s3proxy|moto|both] [--work DIR] [--json]
#
# local: 1 GiB file and 5,000 x 4 KiB push/pull, no-op push of 10,000 files, 10,000 x 4 KiB push
#        (the encsync CLI's push/pull vs rclone copy through a crypt remote over a local folder)
# s3:    1 GiB file and 2,000 x 4 KiB push/pull to an S3 server on loopback (rclone: crypt over an
#        S3 remote at its own server of the same kind), and the peak RSS of encsync push of a
#        --rss-gib GiB file. Each server is warmed by one untimed push and pull of its tool before
#        anything is timed.
# --s3-server: which S3 servers the s3 and warm cells run on: s3proxy (S3Proxy, Java, objects in
#        files under --work; about 0.65 ms of CPU a small GET), moto (Python, objects in memory;
#        about 5 ms a GET, so its cells measure the server as much as the clients) or both (the
#        default: S3Proxy's figures first, moto's beside them). The rss cell runs on S3Proxy
#        unless only moto is asked for.
# warm:  the Jenkins-agent case: each workload of local and s3 (no-op push included) runs
#        --warm-runs times (default 6) in one JVM through the task classes the plugin runs on its
#        agents (bench's WarmRun); the median of runs 3..N is compared with rclone's cold figure
#        (taken from the local and s3 suites of the same call when they ran, else measured here).
#        Its RSS column is the peak of the whole JVM over all runs.
# rss:   only the s3 suite's peak-RSS cell (a --rss-gib GiB push; on moto it needs about 4 GB of
#        memory for each GiB while it completes the upload, S3Proxy writes it to disk).
# all:   local, s3, then warm; a comma-separated LIST (s3,warm) runs those in that order.
# --json: one JSON object per line on stdout instead of the table (progress goes to stderr):
#        {"suite","workload","server","encsync_s","rclone_s","ratio","encsync_rss_mib","server_cpu_s"};
#        ratio is rclone_s / encsync_s (> 1: encsync is faster); server is s3proxy or moto for S3
#        cells, null for local ones; null where there is no rclone or server figure.
# Data lives under --work (default /dev/shm when it has room), so disk speed plays no part.
# The JVM is the launcher's ($JAVA_HOME/bin/java, else java on PATH); with JDK 25+ encsync runs through
# ./encsync and the AOT cache it keeps, trained first (untimed) on a push of the small files
# (ENCSYNC_AOT=off: without).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=3 warm_runs=6 suite=all big_mib=1024 rss_gib=5 work= json=false s3_server=both
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --warm-runs) warm_runs=$2; shift 2 ;;
    --suite) suite=$2; shift 2 ;;
    --big-mib) big_mib=$2; shift 2 ;;
    --rss-gib) rss_gib=$2; shift 2 ;;
    --s3-server) s3_server=$2; shift 2 ;;
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
case "$s3_server" in
  s3proxy|moto) servers=("$s3_server") ;;
  both) servers=(s3proxy moto) ;;
  *) echo "bench.sh: --s3-server must be s3proxy, moto or both, was $s3_server" >&2; exit 2 ;;
esac
# The peak-RSS cell runs on S3Proxy, which writes the object to disk; moto would hold it in memory
# about three times over (16-21 GB for 5 GiB).
rss_server=s3proxy; [ "$s3_server" = moto ] && rss_server=moto
if [[ ",$suite," == *,rss,* ]] && [ "$rss_gib" -eq 0 ]; then
  echo "bench.sh: --suite rss needs --rss-gib 1 or more" >&2; exit 2
fi
[ "$warm_runs" -ge 3 ] || { echo "bench.sh: --warm-runs must be 3 or more (runs 1-2 are warm-up)" >&2; exit 2; }
command -v rclone >/dev/null || { echo "bench.sh: rclone is missing (apt-get install rclone)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench.sh: GNU time is missing (apt-get install time)" >&2; exit 2; }
need=" "   # the S3 servers this call starts
if [[ ",$suite," == *,s3,* || ",$suite," == *,warm,* ]]; then need+="${servers[*]} "; fi
if [[ ",$suite," == *,s3,* || ",$suite," == *,rss,* ]] && [ "$rss_gib" -gt 0 ]; then need+="$rss_server "; fi
if [[ "$need" == *" moto "* ]]; then
  command -v moto_server >/dev/null || { echo "bench.sh: moto_server is missing (python3 -m pip install 'moto[server]'), or run --s3-server s3proxy" >&2; exit 2; }
fi
if [[ "$need" == *" s3proxy "* ]]; then   # S3Proxy's jars come from Maven Central, through mvn
  command -v mvn >/dev/null || { echo "bench.sh: mvn is missing (apt-get install maven): it fetches S3Proxy; or run --s3-server moto" >&2; exit 2; }
fi
if [ -z "$work" ]; then
  if [ "$(df -Pm /dev/shm | awk 'NR==2{print $4}')" -gt $((big_mib * 6 + 2048)) ]; then work=/dev/shm/encsync-bench; else work=${TMPDIR:-/tmp}/encsync-bench; fi
fi
rm -rf "$work"; mkdir -p "$work"
server_pids=() rss_dir=
trap 'rm -rf "$work" ${rss_dir:+"$rss_dir"}; [ ${#server_pids[@]} -gt 0 ] && kill "${server_pids[@]}" 2>/dev/null; true' EXIT
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
# S3Proxy's artifact is a plain jar: its runtime classpath (jclouds and the rest) is resolved from
# bench/s3proxy/pom.xml into the local Maven repository once, and kept beside that pom.
s3proxy_cp_file="$root/bench/s3proxy/target/classpath.txt"
if [[ "$need" == *" s3proxy "* ]] && { [ ! -s "$s3proxy_cp_file" ] || [ "$root/bench/s3proxy/pom.xml" -nt "$s3proxy_cp_file" ]; }; then
  mvn -q -B -ntp -Dstyle.color=never -f "$root/bench/s3proxy/pom.xml" dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >&2
fi
export ENCSYNC_PASSWORD='bench-password-not-secret'
# The S3 identity of every server and client (S3Proxy checks signatures; moto accepts any). The key
# id has the shape of a real one: the task classes check it.
export AWS_ACCESS_KEY_ID=BENCHACCESSKEY00 AWS_SECRET_ACCESS_KEY=bench-secret AWS_REGION=us-east-1
obscured=$(env -u AWS_CA_BUNDLE rclone obscure "$ENCSYNC_PASSWORD")
conf="$work/rclone.conf"
# suite, workload, server (- for local), tool, wall s, peak RSS KiB, the server's CPU s
results="$work/results.tsv"; : > "$results"

# rclone 1.60's S3 backend fails every request when AWS_CA_BUNDLE is set: run it without.
rc=(env -u AWS_CA_BUNDLE rclone --config "$conf")
# As ./encsync runs it: its default flags, read from the launcher so the two never differ.
launcher_opts=$(sed -n 's/^default_opts+\{0,1\}="\(.*\)"$/\1/p' "$root/encsync" | tr '\n' ' ')
read -r -a java_opts <<< "${ENCSYNC_JAVA_OPTS:-$launcher_opts}"
# The JVM the launcher picks: $JAVA_HOME/bin/java, else java on PATH.
bench_java=java
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then bench_java=$JAVA_HOME/bin/java; fi
java_major=$("$bench_java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
es=("$bench_java" "${java_opts[@]}" -jar "$jar")
if [ "${java_major:-0}" -ge 25 ] && [ "${ENCSYNC_AOT:-auto}" != off ]; then
  # JDK 25+: through the launcher, as a user runs it, with the AOT cache it keeps (its bash costs about 0.1 s
  # of CPU a run, counted here); the cache is trained once, untimed, on a push of the small files.
  es=("$root/encsync")
fi
# The warm suite runs as an agent's JVM does: the JVM's own defaults, none of the launcher's flags.
read -r -a warm_opts <<< "${BENCH_WARM_JAVA_OPTS:-}"
warm=("$bench_java" "${warm_opts[@]}" -cp "$bench_jar" io.encsync.bench.WarmRun --runs "$warm_runs")

median() { sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
mib() { awk -v k="$1" 'BEGIN{printf "%.0f", k/1024}'; }

# CPU seconds (user + system) that process PID has used so far; 0 without a PID.
cpu_of() {
  [ -n "${1:-}" ] || { echo 0; return; }
  awk -v hz="$(getconf CLK_TCK)" '{sub(/^.*\) /, ""); print ($12 + $13) / hz}' "/proc/$1/stat"
}

# measure SUITE NAME TOOL PREP CMD...: runs PREP (untimed) then CMD under GNU time, --runs times;
# records the median wall seconds, the median peak RSS (KiB) and, with $server_pid set, the median
# CPU seconds that S3 server spent serving the command; $server names that server (s3proxy, moto).
measure() {
  local suite_name=$1 name=$2 tool=$3 prep=$4; shift 4
  local walls=() rsss=() cpus=()
  for _ in $(seq "$runs"); do
    eval "$prep"
    local c0; c0=$(cpu_of "${server_pid:-}")
    /usr/bin/time -f '%e %M' -o "$work/time.out" "$@" >/dev/null 2>"$work/cmd.err" || {
      echo "bench.sh: $tool failed on $name${server:+ ($server)}:" >&2; cat "$work/cmd.err" >&2; exit 1; }
    local c1; c1=$(cpu_of "${server_pid:-}")
    read -r w r < <(tail -1 "$work/time.out")
    walls+=("$w"); rsss+=("$r"); cpus+=("$(awk -v a="$c0" -v b="$c1" 'BEGIN{print b - a}')")
  done
  record "$suite_name" "$name" "${server:--}" "$tool" "$(printf '%s\n' "${walls[@]}" | median)" \
    "$(printf '%s\n' "${rsss[@]}" | median)" "$(printf '%s\n' "${cpus[@]}" | median)"
}

record() { # SUITE NAME SERVER TOOL WALL RSS_KIB SERVER_CPU
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >> "$results"
  printf '  %-6s %-32s %-8s %-8s %8.2f s  %6s MiB%s\n' "$1" "$2" "$3" "$4" "$5" "$(mib "$6")" \
    "$([ "${7:-0}" = 0 ] || printf '  (%s CPU %.2f s)' "$3" "$7")"
}

# warm_measure NAME BEFORE WARMRUN-ARGS...: one WarmRun JVM under GNU time; records the median of
# its counted runs and the JVM's peak RSS.
warm_measure() {
  local name=$1 before=$2; shift 2
  local args=("${warm[@]}")
  [ -z "$before" ] || args+=(--before "$before")
  /usr/bin/time -f '%e %M' -o "$work/time.out" "${args[@]}" "$@" >"$work/warm.out" 2>"$work/cmd.err" || {
    echo "bench.sh: WarmRun failed on $name${server:+ ($server)}:" >&2; cat "$work/cmd.err" "$work/warm.out" >&2; exit 1; }
  local s r
  s=$(awk '/^median of runs/{print $(NF-1)}' "$work/warm.out")
  read -r _ r < <(tail -1 "$work/time.out")
  record warm "$name" "${server:--}" encsync "$s" "$r" 0
  echo "         runs (s): $(awk '/^run /{printf "%s ", $3}' "$work/warm.out"), process CPU (s): $(awk '/^run /{printf "%s ", $7}' "$work/warm.out")" >&2
}

# rclone_cold NAME PREP CMD...: rclone's cold figure for a warm row on $server, from the cold
# suites if they ran.
rclone_cold() {
  local name=$1; shift
  awk -F'\t' -v n="$name" -v s="${server:--}" '$2==n && $3==s && $4=="rclone" {found=1} END{exit !found}' "$results" \
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

echo "bench: work folder $work, $runs runs per cold cell, $warm_runs per warm JVM, $(nproc) cores, S3 on ${servers[*]}"
mkdir -p "$work/big"; head -c $((big_mib * 1024 * 1024)) /dev/urandom > "$work/big/big.bin"
make_files "$work/s5k" 5000 4096
make_files "$work/s10k" 10000 4096
make_files "$work/s2k" 2000 4096
if [ "${es[0]}" = "$root/encsync" ]; then
  echo "bench: Java $java_major: encsync runs through ./encsync and its AOT cache, trained now on a push of 2,000 files" >&2
  ENCSYNC_AOT=train "${es[@]}" push "$work/s2k" "$work/aot-train" --quiet
  rm -rf "$work/aot-train"
fi
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
  local server= server_pid=
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

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_moto() { # prints "PID URL"
  local port; port=$(free_port)
  moto_server -H 127.0.0.1 -p "$port" >"$work/moto-$port.log" 2>&1 &
  local pid=$!
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/moto-api/" >/dev/null && break; sleep 0.2; done
  echo "$pid http://127.0.0.1:$port"
}

# start_s3proxy DIR: S3Proxy with its buckets as folders of DIR (jclouds' filesystem provider, so
# a GiB object is a file, not heap) and the identity above; prints "PID URL" once it answers.
# S3Proxy 2.6 calls that provider deprecated in favour of filesystem-nio2, which cost the same CPU
# a GET here (about 1.0-1.3 ms on a loaded machine) but has not been through these cells.
start_s3proxy() {
  local dir=$1 port; port=$(free_port)
  mkdir -p "$dir"
  cat > "$work/s3proxy-$port.properties" <<CONF
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$AWS_ACCESS_KEY_ID
s3proxy.credential=$AWS_SECRET_ACCESS_KEY
jclouds.provider=filesystem
jclouds.filesystem.basedir=$dir
CONF
  java -Dlogback.configurationFile="$root/bench/s3proxy/logback.xml" -cp "$(cat "$s3proxy_cp_file")" \
    org.gaul.s3proxy.Main --properties "$work/s3proxy-$port.properties" >"$work/s3proxy-$port.log" 2>&1 &
  local pid=$!
  # Any HTTP status (403 to an unsigned request) means it is up.
  for _ in $(seq 300); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/")" != 000 ] && { echo "$pid http://127.0.0.1:$port"; return; }
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  echo "bench.sh: S3Proxy did not start on port $port:" >&2; cat "$work/s3proxy-$port.log" >&2
  kill "$pid" 2>/dev/null; return 1
}

# start_server KIND TOOL BUCKET: one server for one tool (each tool gets its own, so that emptying
# one never touches the other); sets pid_TOOL, ep_TOOL and fresh_TOOL, the command that leaves
# BUCKET empty.
start_server() {
  local kind=$1 tool=$2 bucket=$3 pid ep fresh
  if [ "$kind" = moto ]; then
    read -r pid ep < <(start_moto)
    fresh="curl -fs -X POST $ep/moto-api/reset >/dev/null; curl -fs -X PUT $ep/$bucket >/dev/null"
  else
    local dir="$work/s3proxy-$tool"
    read -r pid ep < <(start_s3proxy "$dir") || true
    fresh="rm -rf $dir/$bucket; mkdir $dir/$bucket"
  fi
  [ -n "${pid:-}" ] || exit 1
  server_pids+=("$pid")
  printf -v "pid_$tool" %s "$pid"; printf -v "ep_$tool" %s "$ep"; printf -v "fresh_$tool" %s "$fresh"
}

# use_server KIND: points the S3 cells (server, pid_e/ep_e/fresh_e for encsync, pid_r/ep_r/fresh_r
# for rclone, s3opts and rclone's config) at that kind's pair of servers, started on first use and
# warmed by one untimed push and pull of each tool (moto's first requests of each kind are slow: it
# is Python and imports lazily; S3Proxy's JIT compiles its hot paths).
declare -A started started_fresh_e started_fresh_r
use_server() {
  server=$1
  if [ -z "${started[$1]:-}" ]; then
    start_server "$1" e ebucket; start_server "$1" r rbucket
    started[$1]="$pid_e $ep_e $pid_r $ep_r"
    started_fresh_e[$1]=$fresh_e; started_fresh_r[$1]=$fresh_r
    s3opts=(--endpoint "$ep_e" --path-style --region us-east-1); s3_conf
    eval "$fresh_e"; "${es[@]}" push "$work/s2k" s3://ebucket "${s3opts[@]}" --quiet
    rm -rf "$work/out"; "${es[@]}" pull s3://ebucket "$work/out" "${s3opts[@]}" --quiet
    eval "$fresh_r"; "${rc[@]}" copy "$work/s2k" vault:
    rm -rf "$work/out"; "${rc[@]}" copy vault: "$work/out"
  fi
  read -r pid_e ep_e pid_r ep_r <<< "${started[$1]}"
  fresh_e=${started_fresh_e[$1]} fresh_r=${started_fresh_r[$1]}
  s3opts=(--endpoint "$ep_e" --path-style --region us-east-1)
  s3_conf
}

s3_conf() {
  cat > "$conf" <<CONF
[s3]
type = s3
provider = Other
env_auth = true
endpoint = $ep_r
region = us-east-1
force_path_style = true
acl =

[vault]
type = crypt
remote = s3:rbucket
password = $obscured
CONF
}

s3_suite() {
  local srv server_pid
  for srv in "${servers[@]}"; do
    use_server "$srv"
    for set in big s2k; do
      server_pid=$pid_e measure s3 "push $set (s3)" encsync "$fresh_e" "${es[@]}" push "$work/$set" s3://ebucket "${s3opts[@]}" --quiet
      server_pid=$pid_r measure s3 "push $set (s3)" rclone "$fresh_r" "${rc[@]}" copy "$work/$set" vault:
      server_pid=$pid_e measure s3 "pull $set (s3)" encsync "rm -rf $work/out" "${es[@]}" pull s3://ebucket "$work/out" "${s3opts[@]}" --quiet
      server_pid=$pid_r measure s3 "pull $set (s3)" rclone "rm -rf $work/out" "${rc[@]}" copy vault: "$work/out"
    done
    eval "$fresh_e"; eval "$fresh_r"   # leave the memory (moto) or tmpfs (S3Proxy) to the next cells
  done
  [ "$rss_gib" -eq 0 ] || rss_cell
}

# The peak RSS of encsync push of a --rss-gib GiB file to S3 (issue #11: under 300 MiB for 5 GiB).
# The source is a sparse file of zeros (no memory, read at memory speed) and the earlier cells'
# outputs are deleted. On S3Proxy the cell has its own server whose buckets are on disk beside the
# source (a multipart object is briefly there twice: its parts and the whole), not in --work's
# tmpfs; moto holds the object in memory about three times over (16-21 GB resident for 5 GiB).
rss_cell() {
  local server=$rss_server server_pid ep fresh
  rm -rf "$work/out" "$work/evault" "$work/rvault"
  rss_dir=$(mktemp -d "${TMPDIR:-/var/tmp}/encsync-bench-rss.XXXXXX")
  mkdir "$rss_dir/src"; truncate -s $((rss_gib * 1024 * 1024 * 1024)) "$rss_dir/src/huge.bin"
  if [ "$rss_server" = s3proxy ]; then
    read -r server_pid ep < <(start_s3proxy "$rss_dir/s3") || true
    [ -n "${server_pid:-}" ] || exit 1
    server_pids+=("$server_pid"); fresh="rm -rf $rss_dir/s3/ebucket; mkdir $rss_dir/s3/ebucket"
  else
    use_server moto; eval "$fresh_r"; server_pid=$pid_e ep=$ep_e fresh=$fresh_e
  fi
  local runs_saved=$runs; runs=1
  measure s3 "push ${rss_gib} GiB (s3, peak RSS)" encsync "$fresh" "${es[@]}" push "$rss_dir/src" s3://ebucket \
    --endpoint "$ep" --path-style --region us-east-1 --quiet
  runs=$runs_saved
  if [ "$rss_server" = s3proxy ]; then kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; else eval "$fresh"; fi
  rm -rf "$rss_dir"; rss_dir=
}

rss_suite() {
  rss_cell
}

warm_suite() {
  local server= server_pid=
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
  rm -rf "$work/evault" "$work/rvault"

  local srv
  for srv in "${servers[@]}"; do
    use_server "$srv"
    for set in big s2k; do
      warm_measure "push $set (s3)" "$fresh_e" push "$work/$set" s3://ebucket "${s3opts[@]}"
      server_pid=$pid_r rclone_cold "push $set (s3)" "$fresh_r" "${rc[@]}" copy "$work/$set" vault:
      warm_measure "pull $set (s3)" "rm -rf $work/out" pull s3://ebucket "$work/out" "${s3opts[@]}"
      server_pid=$pid_r rclone_cold "pull $set (s3)" "rm -rf $work/out" "${rc[@]}" copy vault: "$work/out"
    done
    eval "$fresh_e"; eval "$fresh_r"
  done
}

for s in "${suites[@]}"; do "${s}_suite"; done

# One row per encsync figure, with rclone's (cold) figure for the same workload on the same server.
# With two S3 servers, an S3 row shows the first server's figures (S3Proxy) and the second's
# (moto) beside them.
report() {
  awk -F'\t' -v big="$bytes_big" -v mode="$1" -v first="${servers[0]}" -v second="${servers[1]:-}" '
    function ratio(rs, es) { return sprintf("%.2fx", rs / es) }
    $4=="rclone" { r[$2 SUBSEP $3]=$5; rr[$2 SUBSEP $3]=$6; next }
    { n++; s[n]=$1; k[n]=$2; sv[n]=$3; e[n]=$5; er[n]=$6; sc[n]=$7; seen[$3]=1
      if ($3 == second && second != "") { e2[$1 SUBSEP $2]=$5; sc2[$1 SUBSEP $2]=$7 } }
    END {
      if (!(second in seen)) second = ""   # no cell ran on it (the rss suite alone)
      if (mode=="table") {
        head="| suite | workload | server | encsync s | rclone s (cold) | speed-up (rclone s / encsync s) | encsync MiB/s or files/s | encsync peak RSS MiB | rclone peak RSS MiB | server CPU s (encsync) |"
        rule="|---|---|---|---|---|---|---|---|---|---|"
        if (second != "") { head=head " " second ": encsync s | " second ": rclone s | " second ": speed-up | " second " CPU s (encsync) |"; rule=rule "---|---|---|---|" }
        print head; print rule
      }
      for (i=1;i<=n;i++) { w=k[i]; rk=w SUBSEP sv[i]
        if (mode=="json") {
          printf "{\"suite\":\"%s\",\"workload\":\"%s\",", s[i], w
          if (sv[i] == "-") printf "\"server\":null,"; else printf "\"server\":\"%s\",", sv[i]
          printf "\"encsync_s\":%.3f,", e[i]
          if (rk in r) printf "\"rclone_s\":%.3f,\"ratio\":%.3f,", r[rk], r[rk]/e[i]; else printf "\"rclone_s\":null,\"ratio\":null,"
          printf "\"encsync_rss_mib\":%.0f,", er[i]/1024
          if (sc[i] > 0) printf "\"server_cpu_s\":%.3f}\n", sc[i]; else printf "\"server_cpu_s\":null}\n"
          continue
        }
        if (sv[i] == second && second != "") continue   # printed beside the first server figures
        if (w ~ / big /) thr=sprintf("%.0f MiB/s", big/1048576/e[i]);
        else if (w ~ /no-op/) thr="-";
        else if (w ~ /s10k/) thr=sprintf("%.0f files/s", 10000/e[i]);
        else if (w ~ /s5k/) thr=sprintf("%.0f files/s", 5000/e[i]);
        else if (w ~ /s2k/) thr=sprintf("%.0f files/s", 2000/e[i]);
        else thr="-";
        cpu=(sc[i] > 0) ? sprintf("%.2f", sc[i]) : "-"
        line=sprintf("| %s | %s | %s | %.2f | ", s[i], w, sv[i], e[i])
        if (rk in r) line=line sprintf("%.2f | %s | %s | %.0f | %.0f | %s |", r[rk], ratio(r[rk], e[i]), thr, er[i]/1024, rr[rk]/1024, cpu)
        else line=line sprintf("- | - | %s | %.0f | - | %s |", thr, er[i]/1024, cpu)
        if (second != "") {
          sk=s[i] SUBSEP w; rk2=w SUBSEP second
          if (sk in e2) {
            line=line sprintf(" %.2f | ", e2[sk])
            line=line ((rk2 in r) ? sprintf("%.2f | %s | ", r[rk2], ratio(r[rk2], e2[sk])) : "- | - | ")
            line=line ((sc2[sk] > 0) ? sprintf("%.2f |", sc2[sk]) : "- |")
          } else line=line " - | - | - | - |"
        }
        print line
      }
    }' "$results"
}
if $json; then report json >&3; else echo; report table >&3; fi
exit 0   # every failure above has already exited non-zero with a message
