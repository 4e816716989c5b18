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

exec mvn -B -ntp verify "$@"
