#!/usr/bin/env bash
# Builds our plugin as maven-hpi-plugin would lay it out: WEB-INF/lib/encrypted-s3-sync.jar (the
# plugin's classes, resources, generated Messages and @Extension index, with the plugin manifest)
# beside WEB-INF/lib/encsync-core-*.jar, the core jar as Maven built it (a plain manifest: Jenkins'
# class filter treats its classes as it would in a real installation).
# Core is built with the jenkins-runtime-versions profile: the SDK, BouncyCastle and Jackson that
# the plugins above provide.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
V=$PV
step "building encsync-core (profile jenkins-runtime-versions)"
(cd "$PROJECT" && mvn -B -ntp -q -Pjenkins-runtime-versions -pl core -am package -DskipTests -Dstyle.color=never) \
  > "$E/core-build.log" 2>&1 || { tail -30 "$E/core-build.log"; die "core build failed"; }
CORE_JAR=$(ls "$PROJECT"/core/target/encsync-core-*.jar | grep -v -- '-tests.jar' | head -1)
DEPS="workflow-step-api:$V,workflow-api:$V,structs:$V,credentials:$V,plain-credentials:$V,aws-credentials:$V,bouncycastle-api:$V"
DEPS="$DEPS,jackson2-api:$V,aws-java-sdk2-core:$V,aws-java-sdk2-s3:$V,aws-java-sdk2-iam:$V,cloudbees-folder:$V"
step "building encrypted-s3-sync.hpi"
"$RUNTIME/build-plugin.sh" encrypted-s3-sync "$PROJECT/plugin" $V "$DEPS" "" "$CORE_JAR" > "$E/hpi.log" 2>&1 \
  || { cat "$E/hpi.log"; die "plugin build failed"; }
cp "$PB/encrypted-s3-sync/encrypted-s3-sync.jpi" "$E/encrypted-s3-sync.hpi"
step "$E/encrypted-s3-sync.hpi: $(unzip -l "$E/encrypted-s3-sync.hpi" | grep -c 'WEB-INF/lib/.*\.jar') jars in WEB-INF/lib"
