#!/usr/bin/env bash
# Runs every test of the default build (core, cli, bench). Installs what the tests need when it
# is missing: moto (S3/IAM emulator, with pip) and rclone (interop tests, with apt-get as root).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v moto_server >/dev/null 2>&1; then
  echo "test.sh: installing moto server with pip"
  python3 -m pip install --quiet 'moto[server]'
fi
if ! command -v rclone >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing rclone with apt-get"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rclone
  else
    echo "test.sh: rclone is missing; install it (Debian/Ubuntu: sudo apt-get install rclone) and run again" >&2
    exit 2
  fi
fi

mvn -B -ntp verify "$@"
# Core again, on the library versions the Jenkins plugin runs on (AWS SDK, BouncyCastle and Jackson
# of the Jenkins API plugins): an API only newer versions have fails here, not in a user's Jenkins.
echo "test.sh: core on the Jenkins runtime's library versions (profile jenkins-runtime-versions)"
exec mvn -B -ntp -Pjenkins-runtime-versions -pl core verify "$@"
