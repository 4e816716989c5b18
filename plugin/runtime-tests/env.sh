# Settings shared by the runtime-tests scripts (sourced, not run).
#   RUNTIME  the jenkins-runtime tool folder (default: shared/tools/jenkins-runtime beside the project)
#   JBOOT    where that tool builds Jenkins (default /tmp/jboot); our builds land in $JBOOT/encsync
#   MIRROR   the folder holding the git snapshots (OWNER+NAME/repo), needed only to build from scratch
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROJECT=$(cd "$HERE/../.." && pwd)
RUNTIME=${RUNTIME:-$(cd "$PROJECT/.." && pwd)/shared/tools/jenkins-runtime}
[ -f "$RUNTIME/env.sh" ] || { echo "runtime-tests: no jenkins-runtime tool at $RUNTIME; set RUNTIME=<shared>/tools/jenkins-runtime" >&2; exit 2; }
. "$RUNTIME/env.sh"
E=$JBOOT/encsync                   # everything this folder builds
PB=$JBOOT/plugins/build            # where build-plugin.sh puts plugins
SDK2=2.42.33                       # AWS SDK inside aws-java-sdk2 2.42.33-70.vd69c0763fa_60 (bom-2.541.x 6916)
JACKSON=2.22.0                     # jackson2-api 2.22.0-* (bom-2.541.x 6916)
BC=1.84                            # bouncycastle-api 2.30.1.84-291.v9f17b_21896e2
AWS1=1.12.797                      # AWS SDK v1 core (aws-java-sdk-minimal): aws-credentials still implements its interfaces
ORGJSON=20250517                   # json-api 20250517-* (org.json), for configuration-as-code
SNAKEYAML=2.5                      # snakeyaml-api 2.5-*, for configuration-as-code
VAVR=1.0.1                         # bundled by configuration-as-code (its pom)
export E PB SDK2 JACKSON BC AWS1 ORGJSON SNAKEYAML VAVR PROJECT HERE
step() { echo "runtime-tests: $*"; }
die() { echo "runtime-tests: $*" >&2; exit 1; }

# jars GROUP:ARTIFACT:VERSION ... -> DIR: Maven Central jars with their runtime dependencies
central() {
  local dir=$1; shift
  if [ -f "$dir/.done" ] && [ "$(cat "$dir/.done")" = "$*" ]; then return 0; fi
  rm -rf "$dir"; mkdir -p "$dir"
  { echo '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
    echo '<groupId>local.encsync</groupId><artifactId>jars</artifactId><version>1</version><packaging>pom</packaging><dependencies>'
    for c in "$@"; do IFS=: read -r g a v <<<"$c"
      echo "<dependency><groupId>$g</groupId><artifactId>$a</artifactId><version>$v</version></dependency>"; done
    echo '</dependencies></project>'; } > "$dir/pom.xml"
  mvn -B -q -f "$dir/pom.xml" dependency:copy-dependencies -DoutputDirectory="$dir" -DexcludeTypes=pom \
      -DincludeScope=runtime > "$dir/mvn.log" 2>&1 || { tail -20 "$dir/mvn.log"; die "mvn could not fetch $*"; }
  echo "$*" > "$dir/.done"
}
