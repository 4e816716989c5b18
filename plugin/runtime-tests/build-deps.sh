#!/usr/bin/env bash
# Builds the plugins ours depends on, beyond the 20 of jenkins-runtime, at the versions of
# bom-2.541.x 6916: bouncycastle-api (again, over BC 1.84), apache-httpcomponents-client-4-api,
# jackson2-api, aws-java-sdk2-core/-s3/-iam/-ec2 over Central's SDK 2.42.33 jars, aws-java-sdk-minimal
# (SDK v1 core: aws-credentials still implements its interfaces), aws-credentials and
# cloudbees-folder (with its folder credentials store), configuration-as-code (JCasC; json-api,
# snakeyaml-api). Also builds agent.jar (Remoting with its
# main class), which JenkinsRule.createOnlineSlave() starts as a separate JVM.
#
# Library plugins with no code of their own (jackson2-api, aws-java-sdk2-*) are the Central jars
# they bundle, wrapped with a plugin manifest, as their own builds do.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
[ -f "$PB/credentials/credentials.jpi" ] || die "the Jenkins runtime is not built; run run.sh (it builds it) or $RUNTIME/jenkins-runtime-build.sh"
V=$PV; B=$RUNTIME/build-plugin.sh; W=$RUNTIME/wrap-lib-plugin.sh
J=$E/jars; mkdir -p "$J"

step "fetching Central jars (SDK $SDK2, Jackson $JACKSON, BouncyCastle $BC)"
central "$J/bc" org.bouncycastle:bcprov-jdk18on:$BC org.bouncycastle:bcpkix-jdk18on:$BC org.bouncycastle:bcutil-jdk18on:$BC
central "$J/http" org.apache.httpcomponents:httpclient:4.5.14 org.apache.httpcomponents:httpcore:4.4.16 org.apache.httpcomponents:httpmime:4.5.14
central "$J/jackson" com.fasterxml.jackson.core:jackson-databind:$JACKSON
central "$J/sdk-core" software.amazon.awssdk:sts:$SDK2 software.amazon.awssdk:apache-client:$SDK2
central "$J/sdk-s3" software.amazon.awssdk:s3:$SDK2
central "$J/sdk-iam" software.amazon.awssdk:iam:$SDK2
central "$J/sdk-ec2" software.amazon.awssdk:ec2:$SDK2
central "$J/aws1" com.amazonaws:aws-java-sdk-core:$AWS1
central "$J/args4j" args4j:args4j:2.37 org.jenkins-ci:constant-pool-scanner:1.2

# What Jenkins core or another plugin already provides is left out of a plugin, as hpi does.
# The async transport (netty-nio-client) and CRT are separate plugins or left out by aws-java-sdk2 too.
in_core() { case "$(basename "$1")" in httpclient-*|httpcore-*|commons-codec-*|commons-logging-*|slf4j-api-*|jackson-*|netty-*|crt-core-*) return 0 ;; esac; return 1; }
only() { local dir=$1; shift; for j in "$dir"/*.jar; do in_core "$j" && continue; echo "$j"; done; }
minus() { # jars of DIR that are not (by file name) in the sdk-core set
  for j in "$1"/*.jar; do in_core "$j" && continue; [ -f "$J/sdk-core/$(basename "$j")" ] || echo "$j"; done; }

step "building dependency plugins"
$B bouncycastle-api "$JBOOT/src2/bouncycastle-api-plugin" $V "" "" "$(ls "$J"/bc/*.jar | tr '\n' ' ')" > "$E/bc.log" 2>&1 || { cat "$E/bc.log"; die "bouncycastle-api failed"; }
$B apache-httpcomponents-client-4-api "$JBOOT/src2/apache-httpcomponents-client-4-api-plugin" $V "" "" \
  "$(ls "$J"/http/http*.jar | tr '\n' ' ')" > "$E/http.log" 2>&1 || { cat "$E/http.log"; die "apache-httpcomponents-client-4-api failed"; }
$W jackson2-api "$(ls "$J"/jackson/jackson-*.jar | tr '\n' ' ')"
$W aws-java-sdk2-core "$(only "$J/sdk-core" | tr '\n' ' ')" "apache-httpcomponents-client-4-api:$V"
$W aws-java-sdk2-s3 "$(minus "$J/sdk-s3" | tr '\n' ' ')" "aws-java-sdk2-core:$V"
$W aws-java-sdk2-iam "$(minus "$J/sdk-iam" | tr '\n' ' ')" "aws-java-sdk2-core:$V"
$W aws-java-sdk2-ec2 "$(minus "$J/sdk-ec2" | tr '\n' ' ')" "aws-java-sdk2-core:$V"
$W aws-java-sdk-minimal "$J/aws1/aws-java-sdk-core-$AWS1.jar"
# aws-credentials without its optional integrations (credentials-binding, Declarative), which are not built here
EXCLUDE="AmazonWebServicesCredentialsBinding|AWSDeclarativeCredentialsHandler" $B aws-credentials "$JSRC/aws-credentials-plugin" $V \
  "credentials:$V,structs:$V,aws-java-sdk2-core:$V,aws-java-sdk2-ec2:$V,aws-java-sdk-minimal:$V,apache-httpcomponents-client-4-api:$V" \
  > "$E/awscred.log" 2>&1 || { cat "$E/awscred.log"; die "aws-credentials failed"; }
# cloudbees-folder from its snapshot (sources.lock-style pin below); it holds the folder credentials store
FOLDER_COMMIT=b72f4d5c07097c5b9f5cd9d96adf9801909c5530
if [ ! -d "$E/src/cloudbees-folder-plugin" ]; then
  [ -n "${MIRROR:-}" ] || die "MIRROR is not set: bring github:jenkinsci/cloudbees-folder-plugin and set MIRROR to the snapshots' folder"
  mkdir -p "$E/src/cloudbees-folder-plugin"
  git --git-dir="$MIRROR/jenkinsci+cloudbees-folder-plugin/repo" archive $FOLDER_COMMIT | tar -x -C "$E/src/cloudbees-folder-plugin"
fi
$B cloudbees-folder "$E/src/cloudbees-folder-plugin" $V "ionicons-api:$V,credentials:$V" > "$E/folder.log" 2>&1 || { cat "$E/folder.log"; die "cloudbees-folder failed"; }

# configuration-as-code (JCasC) from its snapshot, with the library plugins it needs: caffeine-api,
# commons-lang3-api and commons-text-api come with the runtime; json-api and snakeyaml-api are Central's
# org.json and SnakeYAML jars wrapped; vavr is bundled in its WEB-INF/lib, as its pom bundles it.
# prism-api (syntax highlighting on the "View configuration" page, with JavaScript from npm and four
# UI plugins behind it) is left out: its one use, the highlighted export page, is cut from the sources
# below, and that page shows the YAML unhighlighted. Export, apply and reload are untouched.
central "$J/casc" org.json:json:$ORGJSON org.yaml:snakeyaml:$SNAKEYAML io.vavr:vavr:$VAVR
$W json-api "$J/casc/json-$ORGJSON.jar"
$W snakeyaml-api "$J/casc/snakeyaml-$SNAKEYAML.jar"
CASC_COMMIT=58646eb62b0a755e41fe18939b980371bf5d7e84
CASC_SRC=$E/src/configuration-as-code-plugin-$CASC_COMMIT
if [ ! -d "$CASC_SRC" ]; then
  [ -n "${MIRROR:-}" ] || die "MIRROR is not set: bring github:jenkinsci/configuration-as-code-plugin and set MIRROR to the snapshots' folder"
  mkdir -p "$CASC_SRC.tmp"
  git --git-dir="$MIRROR/jenkinsci+configuration-as-code-plugin/repo" archive $CASC_COMMIT plugin test-harness | tar -x -C "$CASC_SRC.tmp"
  # without prism-api: drop ConfigurationAsCode.getPrismConfiguration() (and its import) and the
  # page's <p:prism> tag; each edit is checked, so a changed snapshot stops the build here
  CA=$CASC_SRC.tmp/plugin/src/main/java/io/jenkins/plugins/casc/ConfigurationAsCode.java
  VE=$CASC_SRC.tmp/plugin/src/main/resources/io/jenkins/plugins/casc/ConfigurationAsCode/viewExport.jelly
  python3 - "$CA" "$VE" <<'PY' || die "configuration-as-code's sources changed; update the prism-api cut in build-deps.sh"
import re, sys
ca, ve = sys.argv[1:]
s = open(ca).read()
s2 = s.replace("import io.jenkins.plugins.prism.PrismConfiguration;\n", "")
s2 = re.sub(r"\n    @Restricted\(NoExternalUse.class\)\n    public PrismConfiguration getPrismConfiguration\(\) \{\n[^}]*\}\n", "\n", s2)
assert s2 != s and "Prism" not in s2, "ConfigurationAsCode.java"
open(ca, "w").write(s2)
v = open(ve).read()
v2 = v.replace('    <p:prism configuration="${it.prismConfiguration}" />\n', "")
assert v2 != v and "prism" not in v2.replace('xmlns:p="/prism"', ""), "viewExport.jelly"
open(ve, "w").write(v2)
PY
  mv "$CASC_SRC.tmp" "$CASC_SRC"
fi
$B configuration-as-code "$CASC_SRC/plugin" $V "caffeine-api:$V,commons-lang3-api:$V,commons-text-api:$V,json-api:$V,snakeyaml-api:$V" \
  "" "$(ls "$J"/casc/vavr-*.jar | tr '\n' ' ')" > "$E/casc.log" 2>&1 || { cat "$E/casc.log"; die "configuration-as-code failed"; }

step "building workflow-step-api-tests.jar (StepConfigTester, the Snippet Generator round trip)"
rm -rf "$E/wsa-tests" && mkdir -p "$E/wsa-tests/classes"
WCP=$JBOOT/dl/jth/jenkins-test-harness-jboot.jar:$(core_cp)$JBOOT/classes/tiger:$JBOOT/classes/core:$(ls "$JBOOT"/dl/jth/jars/*.jar | tr '\n' :)$PB/workflow-step-api/workflow-step-api.jar:$PB/structs/structs.jar
javac -nowarn -encoding UTF-8 --release 17 -parameters -d "$E/wsa-tests/classes" -cp "$WCP" -processorpath "$JBOOT/procs:$JBOOT/procs-metainf.jar:$WCP" \
  "$JSRC/workflow-step-api-plugin/src/test/java/org/jenkinsci/plugins/workflow/steps/StepConfigTester.java" 2>&1 | grep -v '^Note:' || true
# StepBuilder's form (config.jelly renders the nested step): without it the round trip drops the step
cp -r "$JSRC/workflow-step-api-plugin/src/test/resources/org/jenkinsci/plugins/workflow/steps/StepConfigTester" \
  "$E/wsa-tests/classes/org/jenkinsci/plugins/workflow/steps/"
(cd "$E/wsa-tests/classes" && jar --create --file ../workflow-step-api-tests.jar .)

step "building the harness stand-ins (harness/: a bounded wait for background JavaScript; JEXL with public and static fields, and the ?: and ternary meanings of Jenkins' JEXL)"
rm -rf "$E/harness" && mkdir -p "$E/harness"
javac -nowarn -encoding UTF-8 --release 17 -d "$E/harness" -cp "$(ls "$JBOOT"/dl/jth/jars/*.jar "$JBOOT"/webapp/WEB-INF/lib/commons-jexl-*.jar "$JBOOT"/webapp/WEB-INF/lib/commons-logging-*.jar | tr '\n' :)" \
  $(find "$HERE/harness" -name '*.java')

step "building agent.jar (Remoting, main class hudson.remoting.Launcher)"
rm -rf "$E/agent" && mkdir -p "$E/agent/classes"
(cd "$JBOOT/classes/core" && cp -r --parents hudson/remoting org/jenkinsci/remoting "$E/agent/classes/")
# Remoting's shaded dependencies: args4j, constant-pool-scanner, Tyrus and the WebSocket client API
for j in "$J"/args4j/*.jar "$JBOOT"/webapp/WEB-INF/lib/tyrus-standalone-client-jdk-*.jar "$JBOOT"/webapp/WEB-INF/lib/jakarta.websocket-client-api-*.jar; do (cd "$E/agent/classes" && jar -xf "$j" && rm -rf META-INF/MANIFEST.MF); done
# what Maven's resource filtering writes into Remoting's jar; Launcher reads it in its static init
printf 'version=3352.v17a_fb_4b_2773f\n' > "$E/agent/classes/hudson/remoting/hudson-version.properties"
printf 'Manifest-Version: 1.0\nMain-Class: hudson.remoting.Launcher\nVersion: 3352.v17a_fb_4b_2773f\n' > "$E/agent/MANIFEST.MF"
(cd "$E/agent/classes" && jar --create --file ../agent.jar --manifest ../MANIFEST.MF .)
# Slave.JnlpJar serves it from the war's WEB-INF/lib under the name of the jar Launcher came from
# (test.sh puts agent.jar first on the classpath), so a copy of the war carries it there.
rm -rf "$E/war" && mkdir -p "$E/war/WEB-INF/lib" && cp "$E/agent/agent.jar" "$E/war/WEB-INF/lib/"
# Central's HtmlUnit (the runtime's stand-in for Jenkins' fork) finds none of the section headers
# core's configure-page script looks for, and the script then reads .id of null: every configuration
# round trip would fail on that script error. The test war's copy of the script skips that case.
mkdir -p "$E/war/jsbundles"
sed 's/^  document.querySelector(".task-link\[data-section-id=/  if (selectedSection) document.querySelector(".task-link[data-section-id=/' \
  "$JBOOT/webapp/jsbundles/section-to-sidebar-items.js" > "$E/war/jsbundles/section-to-sidebar-items.js"
grep -q "if (selectedSection)" "$E/war/jsbundles/section-to-sidebar-items.js" || die "section-to-sidebar-items.js changed; update build-deps.sh"
(cd "$JBOOT/webapp" && jar --create --file "$E/jenkins.war" --no-manifest .)
(cd "$E/war" && jar --update --file "$E/jenkins.war" WEB-INF/lib/agent.jar jsbundles/section-to-sidebar-items.js)
# Core's Maven-filtered resources the runtime's javac build leaves out; agents need this one
# (jenkins.slaves.RemotingVersionInfo). test.sh puts the folder on the classpath.
mkdir -p "$E/core-resources/jenkins/slaves"
printf 'remoting.embedded.version=3352.v17a_fb_4b_2773f\nremoting.minimum.supported.version=3107.v665000b_51092\n' \
  > "$E/core-resources/jenkins/slaves/remoting-info.properties"
step "dependency plugins ready in $PB"
