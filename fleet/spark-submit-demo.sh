#!/usr/bin/env bash
# The fleet module on a real Spark standalone cluster on this machine, submitted the way spark-submit does
# (docs/fleet-audit.md, "On a Spark cluster"): a master and one 2-core worker in their own JVMs, the Spark
# jars taken from fleet/target/lib (no Spark distribution needed), then org.apache.spark.deploy.SparkSubmit
# --deploy-mode client with the job jar + --jars, for
#   1. campaign --engine spark, 200 trials, and
#   2. audit over a small generated fleet,
# each compared row for row (DuckDB over the Parquet tables) with the same command on the local engine.
# The worker's class path (SPARK_HOME/jars) holds Spark and the libraries, but NOT the project's jars
# (hal-native with the C driver) nor JNA: those reach the executor only with the job (--jars), and the script
# checks in the executor's own log that JNA extracted libgalvani.so from that jar and that the tasks ran there.
# The cluster is stopped on exit (trap). Not part of ./mvnw verify: a separate command.
#
# Usage: fleet/spark-submit-demo.sh [--no-build] [--tries N] [--work DIR]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "${here}/.." && pwd)"
target="${here}/target"
tries=200
seed=20261206
build=1
work="${target}/spark-submit-demo"
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0; shift ;;
    --tries) tries="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    *) echo "spark-submit-demo: unknown argument $1 (allowed: --no-build, --tries N, --work DIR)" >&2; exit 2 ;;
  esac
done
java_bin="${JAVA_HOME:+${JAVA_HOME}/bin/}java"
t0=$(date +%s)
stamp() { echo "[spark-submit-demo +$(( $(date +%s) - t0 ))s] $*"; }

if [ "${build}" = 1 ]; then
  stamp "building (./mvnw -B -q package -DskipTests)"
  (cd "${root}" && ./mvnw -B -q package -DskipTests)
fi
jar=$(ls "${target}"/galvani-fleet-*.jar 2>/dev/null | grep -v -- '-sources' | head -1 || true)
if [ -z "${jar}" ] || [ ! -f "${target}/launcher/jvm.options" ]; then
  echo "spark-submit-demo: fleet is not built: run ./mvnw -B -q package -DskipTests" >&2
  exit 2
fi
read -r -a flags < "${target}/launcher/jvm.options"
flag_line="${flags[*]}"

rm -rf "${work}"
mkdir -p "${work}"/{spark-home/jars,master,worker/work,worker/tmp,driver-tmp,executor-tmp,executor-jna,driver-jna,local-jna,logs}
# SPARK_HOME/jars: what a Spark installation has on every node. The project's jars and JNA stay out.
app_jars=()
for f in "${target}"/lib/*.jar; do
  case "$(basename "${f}")" in
    controller-core-*|hal-native-*|verification-*|jna-*) app_jars+=("${f}") ;;
    *) ln -s "${f}" "${work}/spark-home/jars/" ;;
  esac
done
jars_csv=$(IFS=,; echo "${app_jars[*]}")
export SPARK_HOME="${work}/spark-home" SPARK_SCALA_VERSION=2.13

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
master_port=$(free_port)
worker_port=$(free_port)
master_url="spark://127.0.0.1:${master_port}"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "${p}" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "${p}" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM

spark_cp="${work}/spark-home/jars/*"
stamp "starting master ${master_url}"
(cd "${work}/master" && exec "${java_bin}" ${flag_line} -Xmx256m -Djava.io.tmpdir="${work}/master" -cp "${spark_cp}" \
  org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "${master_port}" --webui-port 0) \
  > "${work}/logs/master.log" 2>&1 &
pids+=($!)
stamp "starting worker (2 cores, 1536 MB)"
(cd "${work}/worker" && exec "${java_bin}" ${flag_line} -Xmx256m -Djava.io.tmpdir="${work}/worker/tmp" -cp "${spark_cp}" \
  org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --port "${worker_port}" --webui-port 0 --cores 2 \
  --memory 1536m --work-dir "${work}/worker/work" "${master_url}") > "${work}/logs/worker.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
  grep -q "Successfully registered with master" "${work}/logs/worker.log" 2>/dev/null && break
  sleep 1
done
grep -q "Successfully registered with master" "${work}/logs/worker.log" ||
  { echo "spark-submit-demo: the worker did not register; see ${work}/logs" >&2; tail -20 "${work}/logs/worker.log" >&2; exit 1; }
stamp "worker registered"

# Through SparkSubmit, as bin/spark-submit does. The executor's JNA flags make it log the extraction.
submit() {
  local name="$1"; shift
  local s; s=$(date +%s)
  "${java_bin}" ${flag_line} -Xmx1g -Djava.io.tmpdir="${work}/driver-tmp" -Djna.tmpdir="${work}/driver-jna" \
    -cp "${spark_cp}" org.apache.spark.deploy.SparkSubmit \
    --master "${master_url}" --deploy-mode client --name "galvani-fleet-${name}" \
    --class org.galvani.fleet.cli.FleetCli --jars "${jars_csv}" \
    --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
    --conf spark.executor.memory=1g --conf spark.executor.cores=2 --conf spark.cores.max=2 \
    --conf "spark.driver.extraJavaOptions=${flag_line}" \
    --conf "spark.executor.extraJavaOptions=${flag_line} -Djava.io.tmpdir=${work}/executor-tmp -Djna.tmpdir=${work}/executor-jna -Djna.debug_load=true" \
    "${jar}" "$@" > "${work}/logs/${name}-spark.out" 2> "${work}/logs/${name}-spark.err" || {
      local rc=$?; echo "spark-submit-demo: ${name} on the cluster exited ${rc}; see ${work}/logs/${name}-spark.err" >&2
      tail -30 "${work}/logs/${name}-spark.err" >&2; return "${rc}"; }
  stamp "${name} on ${master_url} in $(( $(date +%s) - s )) s: $(grep -E ' trials on |journals \(' "${work}/logs/${name}-spark.out" | head -1)"
}
fleet() {
  GALVANI_JNA_TMPDIR="${work}/local-jna" "${root}/galvani-fleet" "$@"
}
query() { fleet query --tables "$1" "$2"; }
same() {
  local what="$1" sql="$2"
  query "${work}/local-out" "${sql}" > "${work}/logs/${what}-local.txt"
  query "${work}/spark-out" "${sql}" > "${work}/logs/${what}-spark.txt"
  if ! cmp -s "${work}/logs/${what}-local.txt" "${work}/logs/${what}-spark.txt"; then
    echo "spark-submit-demo: ${what} differ between the local engine and the cluster:" >&2
    diff "${work}/logs/${what}-local.txt" "${work}/logs/${what}-spark.txt" | head -20 >&2
    exit 1
  fi
  stamp "${what}: identical, $(tail -1 "${work}/logs/${what}-local.txt") sha256 $(sha256sum < "${work}/logs/${what}-local.txt" | cut -c1-16)"
}

# 1. the campaign
submit campaign campaign --engine spark --tries "${tries}" --seed "${seed}" --out "${work}/spark-out"
s=$(date +%s)
fleet campaign --engine local --threads 2 --tries "${tries}" --seed "${seed}" --out "${work}/local-out" \
  > "${work}/logs/campaign-local.out"
stamp "campaign on local threads in $(( $(date +%s) - s )) s: $(head -1 "${work}/logs/campaign-local.out")"
same trials "SELECT * FROM trials ORDER BY ALL"

# 2. the audit of a small generated fleet
fleet generate --devices 4 --sessions 3 --examples "${root}/docs/examples" --out "${work}/fleet" > "${work}/logs/generate.out"
stamp "$(cat "${work}/logs/generate.out")"
audit_rc=0
submit audit audit --engine spark --keys "${work}/fleet/keys" --out "${work}/spark-out" "${work}/fleet/journals" || audit_rc=$?
local_rc=0
fleet audit --engine local --keys "${work}/fleet/keys" --out "${work}/local-out" "${work}/fleet/journals" \
  > "${work}/logs/audit-local.out" || local_rc=$?
[ "${audit_rc}" = "${local_rc}" ] || { echo "spark-submit-demo: audit exit codes differ: cluster ${audit_rc}, local ${local_rc}" >&2; exit 1; }
stamp "audit on local threads (exit ${local_rc}): $(head -1 "${work}/logs/audit-local.out")"
same journals "SELECT * FROM journals ORDER BY ALL"
same sessions "SELECT * FROM sessions ORDER BY ALL"
same events "SELECT * FROM events ORDER BY ALL"

# 3. the proof that the work ran on the executor, with the driver JNA extracted there from the job's jar
exec_logs=$(find "${work}/worker/work" -name stdout -o -name stderr)
[ -n "${exec_logs}" ] || { echo "spark-submit-demo: no executor log under ${work}/worker/work" >&2; exit 1; }
stamp "executor logs: $(echo ${exec_logs} | wc -w), $(grep -h 'Finished task' ${exec_logs} | wc -l) tasks finished in executors"
grep -h "Found library resource at jar:file:.*/worker/work/.*/hal-native-.*libgalvani_hal.so" ${exec_logs} \
  > "${work}/logs/executor-jna.txt" || true
grep -h "Found library 'galvani_hal' at ${work}/executor-jna/" ${exec_logs} >> "${work}/logs/executor-jna.txt" || true
if ! grep -q "Found library resource" "${work}/logs/executor-jna.txt" || ! grep -q "Found library 'galvani_hal'" "${work}/logs/executor-jna.txt"; then
  echo "spark-submit-demo: no executor log shows JNA extracting libgalvani_hal.so from the job's hal-native jar" >&2
  exit 1
fi
sed 's/^[^ ]* \[[^]]*\] INFO /    /' "${work}/logs/executor-jna.txt" | sort -u | head -4
grep -q "Finished task" ${exec_logs} || { echo "spark-submit-demo: no task finished in an executor" >&2; exit 1; }
stamp "ok: campaign (${tries} trials) and audit identical on the cluster and on local threads; the executor JVMs loaded libgalvani_hal.so extracted by JNA from the job's hal-native jar"
