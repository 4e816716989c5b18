#!/usr/bin/env bash
# Takes the screenshots in plugin/README.md (plugin/docs/images/*.png) in headless Chromium:
# the freestyle configuration of each build step and of the backup action, the Snippet Generator
# for s3EncryptedPush, and the console log of a Pipeline push to a moto S3 server.
#   screenshots.sh            (after run.sh or build-hpi.sh has built the runtime and the .hpi)
# Needs chromium (apt-get install chromium; or CHROME=<path>), node/npm (for puppeteer-core),
# moto_server. KEEP=1 leaves Jenkins and moto running afterwards. Jenkins runs from the runtime's war with its own JENKINS_HOME under $E/shots.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
CHROME=${CHROME:-$(command -v chromium || command -v chromium-browser || true)}
[ -x "$CHROME" ] || die "no Chromium: apt-get install chromium, or set CHROME=<path to a Chrome or Chromium>"
command -v moto_server >/dev/null || die "no moto_server: pip install 'moto[server]'"
command -v npm >/dev/null || die "no npm: apt-get install npm"
[ -f "$PB/encrypted-s3-sync/encrypted-s3-sync.jpi" ] || die "no plugin built; run build-hpi.sh first"
S=$E/shots; OUT=$PROJECT/plugin/docs/images
# A fixed workspace root, the same on every machine: the build log in the pictures shows it.
WS=/tmp/encsync-screenshots/workspace; rm -rf "$WS"
rm -rf "$S/home" && mkdir -p "$S/home/plugins" "$OUT"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PORT=$(free_port); MOTO=$(free_port)
PIDS=()
cleanup() { [ -n "${KEEP:-}" ] && { echo "KEEP: Jenkins stays at $URL (pids ${PIDS[*]})"; return; }
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

if [ ! -d "$S/node_modules/puppeteer-core" ]; then
  step "installing puppeteer-core"
  (cd "$S" && npm init -y >/dev/null && npm install --no-audit --no-fund puppeteer-core@25 > npm.log 2>&1) \
    || { tail -20 "$S/npm.log"; die "npm could not install puppeteer-core"; }
fi
cp "$HERE/screenshots/shots.mjs" "$S/"

for d in "$PB"/*/; do n=$(basename "$d"); [ -f "$d/$n.jpi" ] && cp "$d/$n.jpi" "$S/home/plugins/"; done

# The runtime's webapp with the harness's JEXL stand-ins in WEB-INF/classes (which wins over
# WEB-INF/lib): without them job configure pages fail on public fields such as descriptor.clazz.
rm -rf "$S/webapp" && cp -a "$JBOOT/webapp" "$S/webapp"
mkdir -p "$S/webapp/WEB-INF/classes/org/apache" && cp -r "$E/harness/org/apache/." "$S/webapp/WEB-INF/classes/org/apache/"
step "starting moto on $MOTO and Jenkins on $PORT"
moto_server -H 127.0.0.1 -p "$MOTO" > "$S/moto.log" 2>&1 & PIDS+=($!)
JCP=$(ls "$JBOOT"/dl/jars/jetty-*.jar "$JBOOT"/dl/jars/slf4j-api-*.jar "$JAUDIT"/cp/slf4j-jdk14-*.jar | tr '\n' :)$JBOOT/classes/boot
(cd "$S" && JENKINS_HOME=$S/home exec java -Xmx2g --add-opens java.base/java.lang=ALL-UNNAMED \
  --add-opens java.base/java.io=ALL-UNNAMED --add-opens java.base/java.util=ALL-UNNAMED \
  --add-opens java.base/java.util.concurrent=ALL-UNNAMED -DJENKINS_HOME="$S/home" \
  -Djenkins.install.runSetupWizard=false -Dhudson.model.UpdateCenter.never=true \
  -Dhudson.model.DownloadService.never=true -Djenkins.model.Jenkins.workspacesDir="$WS/\${ITEM_FULL_NAME}" -cp "$JCP" Boot "$PORT" "$S/webapp" "$S/jetty-tmp") \
  > "$S/jenkins.log" 2>&1 & PIDS+=($!)
URL=http://127.0.0.1:$PORT
for i in $(seq 1 240); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/api/json" || true)" = 200 ] && break
  kill -0 "${PIDS[1]}" 2>/dev/null || { tail -20 "$S/jenkins.log"; die "Jenkins exited"; }
  sleep 1
done
curl -sf -X PUT "http://127.0.0.1:$MOTO/acme-ci-backups" > /dev/null || die "moto did not create the bucket"

CJ=$S/cookies
crumb() { curl -s -c "$CJ" "$URL/crumbIssuer/api/json" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["crumbRequestField"]+":"+d["crumb"])'; }
sed "s|@ENDPOINT@|http://127.0.0.1:$MOTO|" "$HERE/screenshots/setup.groovy" > "$S/setup.groovy"
R=$(curl -s -b "$CJ" -H "$(crumb)" --data-urlencode "script@$S/setup.groovy" "$URL/scriptText")
echo "$R" | grep -q '^set up' || { echo "$R" | head -30; die "the set-up script failed"; }
curl -sf -o /dev/null -b "$CJ" -H "$(crumb)" -X POST "$URL/job/backup/build" || die "could not start the push build"
for i in $(seq 1 120); do
  curl -s "$URL/job/backup/lastBuild/api/json?tree=result" | grep -q '"result":"SUCCESS"' && break
  curl -s "$URL/job/backup/lastBuild/api/json?tree=result" | grep -q '"result":"FAILURE"' \
    && { curl -s "$URL/job/backup/lastBuild/consoleText" | tail -20; die "the push build failed"; }
  sleep 1
done
step "taking screenshots into plugin/docs/images"
(cd "$S" && JENKINS_URL=$URL CHROME=$CHROME node shots.mjs "$OUT")
