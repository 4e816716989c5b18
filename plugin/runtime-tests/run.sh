#!/usr/bin/env bash
# The one command: builds the Jenkins runtime from source when it is not built yet, then the
# plugins ours depends on, our .hpi, and runs every JenkinsRule test class (or those named).
#   MIRROR=<snapshots folder> bash plugin/runtime-tests/run.sh [TestClass ...]
# Ends with "N passed, N failed"; exit 0 only when all passed and none was skipped.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
if [ ! -f "$JBOOT/dl/jth/jenkins-test-harness-jboot.jar" ] || [ ! -f "$PB/credentials/credentials.jpi" ]; then
  [ -n "${MIRROR:-}" ] || die "the Jenkins runtime is not built and MIRROR is not set: bring the snapshots listed in $RUNTIME/jenkins-runtime-prepare.sh (and github:jenkinsci/cloudbees-folder-plugin, github:jenkinsci/aws-java-sdk2-plugin, github:jenkinsci/jackson2-api-plugin, github:jenkinsci/configuration-as-code-plugin), then MIRROR=<their folder> bash $0"
  step "building the Jenkins runtime (about 10 minutes)"
  "$RUNTIME/jenkins-runtime-prepare.sh"
  "$RUNTIME/jenkins-runtime-build.sh"
fi
mkdir -p "$E"
bash "$HERE/build-deps.sh"
bash "$HERE/build-hpi.sh"
exec bash "$HERE/test.sh" "$@"
