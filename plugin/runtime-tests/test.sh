#!/usr/bin/env bash
# Compiles plugin/src/test/java and runs JenkinsRule tests in the Jenkins built from source, with
# our .hpi and its dependency plugins loaded by JenkinsRule (test-dependencies), on the JUnit
# Platform. Agents started by createOnlineSlave() are separate JVMs running agent.jar.
#   test.sh                 every test class
#   test.sh Class [Class#method]   only these (simple or qualified names)
# Ends with the line "N passed, N failed".
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
[ -f "$E/encrypted-s3-sync.hpi" ] || die "no plugin built; run build-hpi.sh first"
T=$E/test; rm -rf "$T" && mkdir -p "$T/target/test-classes/test-dependencies"
PLUGINS="structs workflow-step-api asm-api commons-lang3-api caffeine-api scm-api workflow-api script-security
 workflow-support workflow-scm-step ionicons-api workflow-cps workflow-job durable-task workflow-durable-task-step
 workflow-basic-steps commons-text-api bouncycastle-api credentials plain-credentials apache-httpcomponents-client-4-api
 jackson2-api aws-java-sdk2-core aws-java-sdk2-s3 aws-java-sdk2-iam aws-java-sdk2-ec2 aws-java-sdk-minimal aws-credentials
 cloudbees-folder json-api snakeyaml-api configuration-as-code encrypted-s3-sync"
DEPDIR=$T/target/test-classes/test-dependencies
PCP=""
for n in $PLUGINS; do
  cp "$PB/$n/$n.jpi" "$DEPDIR/"; echo "$n" >> "$DEPDIR/index"
  for j in "$PB/$n"/jpi/WEB-INF/lib/*.jar; do PCP=$PCP:$j; done
done
central "$E/jars/test" org.assertj:assertj-core:3.27.7
CORE_TESTS=$(ls "$PROJECT"/core/target/encsync-core-*-tests.jar)
# The classpath of a Jenkins war (its WEB-INF/lib), the test harness and its libraries, then the
# plugins. agent.jar comes first, so that Remoting's Launcher (and thus the jar agents run) is it.
CP=$E/agent/agent.jar:$E/core-resources:$E/harness:$JBOOT/dl/jth/jenkins-test-harness-jboot.jar
CP=$CP:$(ls "$JBOOT"/webapp/WEB-INF/lib/*.jar "$JBOOT"/dl/jth/jars/*.jar | grep -v "jetty-servlet-api\|jetty-ee10\|jakarta.servlet-api-6" | tr '\n' :)
CP=$CP:$(ls "$JBOOT"/classes/tiger -d)$PCP:$CORE_TESTS:$E/wsa-tests/workflow-step-api-tests.jar:$(ls "$E"/jars/test/*.jar | tr '\n' :)
# workflow-api's conformance gauntlet for artifact managers (org.jenkinsci.plugins.workflow.ArtifactManagerTest),
# compiled from workflow-api's own test sources, with the stand-in for the agent utility it imports
# (gauntlet/). Its classes go on the classpath but not among the scanned test classes: only our
# ArtifactManagerConformanceTest runs it, against our factory.
G=$T/gauntlet-classes; mkdir -p "$G"
WFAPI_TESTS=$JBOOT/src2/workflow-api-plugin/src/test/java
[ -f "$WFAPI_TESTS/org/jenkinsci/plugins/workflow/ArtifactManagerTest.java" ] || die "no workflow-api test sources in $WFAPI_TESTS"
javac -nowarn -proc:none -encoding UTF-8 --release 17 -d "$G" -cp "$CP" "$WFAPI_TESTS/org/jenkinsci/plugins/workflow/ArtifactManagerTest.java" \
  $(find "$HERE/gauntlet" -name '*.java') > "$T/gauntlet-javac.log" 2>&1 || { cat "$T/gauntlet-javac.log"; die "the gauntlet did not compile"; }
CP=$G:$CP
find "$PROJECT/plugin/src/test/java" -name '*.java' > "$T/test.list"
[ -d "$PROJECT/plugin/src/test/resources" ] && cp -r "$PROJECT/plugin/src/test/resources/." "$T/target/test-classes/"
step "compiling $(wc -l < "$T/test.list") test sources"
javac -nowarn -encoding UTF-8 --release 17 -parameters -d "$T/target/test-classes" -cp "$CP" \
  -processorpath "$JBOOT/procs:$JBOOT/procs-metainf.jar:$CP" @"$T/test.list" > "$T/javac.log" 2>&1 || true
grep -q ': error:' "$T/javac.log" && { grep -A3 ': error:' "$T/javac.log" | head -60; die "test compile failed"; }
SELECT=()
if [ $# -gt 0 ]; then
  for c in "$@"; do
    case "$c" in *.*) ;; *) c=io.encsync.jenkins.$c ;; esac
    case "$c" in
      *#*) SELECT+=(--select-class "${c%%#*}" --include-methodname ".*#${c#*#}(\\(.*\\))?") ;;
      *) SELECT+=(--select-class "$c") ;;
    esac
  done
else
  SELECT=(--scan-classpath "$T/target/test-classes" --include-classname '.*Test')
fi
JOPTS=(-Xmx3g --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.io=ALL-UNNAMED
  --add-opens java.base/java.util=ALL-UNNAMED --add-opens java.base/java.util.concurrent=ALL-UNNAMED
  -Djth.jenkins-war.path="$E/jenkins.war" -Djava.awt.headless=true -Djava.io.tmpdir="$T/tmp")
mkdir -p "$T/tmp"
step "running JenkinsRule tests (log: $T/console.log)"
set +e
(cd "$T" && java "${JOPTS[@]}" -cp "$T/target/test-classes:$CP" org.junit.platform.console.ConsoleLauncher execute \
  --disable-banner --disable-ansi-colors --details=tree "${SELECT[@]}") > "$T/console.log" 2>&1
rc=$?
set -e
grep -a -E "^[│├└ ]*[├└]─ .*[✔✘↷]" "$T/console.log" | sed 's/^[│ ]*//' | tail -200
passed=$(sed -n 's/.*\[ *\([0-9]*\) tests successful *\].*/\1/p' "$T/console.log" | tail -1)
failed=$(sed -n 's/.*\[ *\([0-9]*\) tests failed *\].*/\1/p' "$T/console.log" | tail -1)
skipped=$(sed -n 's/.*\[ *\([0-9]*\) tests skipped *\].*/\1/p' "$T/console.log" | tail -1)
aborted=$(sed -n 's/.*\[ *\([0-9]*\) tests aborted *\].*/\1/p' "$T/console.log" | tail -1)
failed=$(( ${failed:-0} + ${aborted:-0} ))
[ "${skipped:-0}" -gt 0 ] && { echo "runtime-tests: ${skipped} tests were skipped: none may be" >&2; failed=$((failed + skipped)); }
# a run that failed outside any test (discovery, the launcher itself) counts as one failure
if [ -z "$passed" ] || { [ "$rc" != 0 ] && [ "$failed" = 0 ]; }; then
  grep -a -A8 "critical issue\|Exception in thread" "$T/console.log" | head -30
  passed=${passed:-0}; failed=$((failed > 0 ? failed : 1))
fi
echo "${passed} passed, ${failed} failed"
[ "$rc" = 0 ] && [ "$failed" = 0 ]
