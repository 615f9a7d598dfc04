# Sourced by the measurement scripts in this folder (bench.sh, clinic-day.sh, loop-floor.sh, tick-tail.sh): finds
# the built verification jar and the launcher's JVM flags, and prepares JNA's unpacking folder. Sets here, root,
# target, jar, flags (an array) and jna_tmp; exits 2 with the build command when the jars are not built yet.
# Not run on its own.
here="$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)"
root="$(cd "${here}/.." && pwd)"
target="${here}/target"
jar=$(ls "${target}"/verification-*.jar 2>/dev/null | grep -v -- '-sources' | head -1 || true)
if [ -z "${jar}" ] || [ ! -f "${target}/launcher/jvm.options" ]; then
  echo "not built yet: run ./mvnw -B -q package -DskipTests (needs gcc for the native driver)" >&2
  exit 2
fi
read -r -a flags < "${target}/launcher/jvm.options"
jna_tmp="${GALVANI_JNA_TMPDIR:-${target}/jna-tmp}"
mkdir -p "${jna_tmp}"
