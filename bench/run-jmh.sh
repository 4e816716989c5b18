#!/usr/bin/env bash
# Builds the benchmark jar and runs the cipher benchmark with short settings.
# Scores are MB/s (MiB of plaintext per second). Extra arguments go to JMH, e.g. -p parallelism=1.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -pl bench -am package -DskipTests
exec java -jar bench/target/benchmarks.jar CipherBenchmark -f 1 -wi 2 -w 3s -i 3 -r 5s "$@"
