#!/usr/bin/env bash
# Builds the benchmark jar and runs the JMH benchmarks with short settings:
#   CipherBenchmark      the content cipher through its streams (MB/s of plaintext), 1 thread and all cores
#   PrimitivesBenchmark  our XSalsa20 and Poly1305 beside BouncyCastle's, one block sealed as the content
#                        cipher does it, BouncyCastle's Salsa20 core, the JDK's SHA-256: one thread each (MiB/s),
#                        the floor under every push and pull
# Extra arguments go to JMH, e.g. -p parallelism=1, or a benchmark name to run only that one.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -pl bench -am package -DskipTests
benchmarks='(CipherBenchmark|PrimitivesBenchmark)'
if [ $# -gt 0 ] && [[ $1 != -* ]]; then benchmarks=$1; shift; fi
exec java -jar bench/target/benchmarks.jar "$benchmarks" -f 1 -wi 2 -w 3s -i 3 -r 5s "$@"
