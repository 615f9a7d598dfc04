#!/usr/bin/env bash
# Teeth of the safety properties (docs/qa-campaign.md): disables each safety check in turn by a one-line source
# mutation of a COPY of SafetyMonitor.java / Controller.java (the repository is never touched), compiles the
# mutant over the built jar (the mutated class comes first on the classpath), runs a short campaign, and
# records whether a property failed and the shrunk schedule. No production switch disables a check.
#
# Usage (after ./mvnw -B -o -q package -DskipTests):  verification/mutation-run.sh [TRIES] [SEED] [ONLY-ID]
# Prints a Markdown table; the campaign outputs are kept under $WORK (printed).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tries="${1:-200}"
seed="${2:-1}"
only="${3:-}"
target="${here}/verification/target"
jar=$(ls "${target}"/verification-*.jar | grep -v -- '-sources' | head -1)
read -r -a flags < "${target}/launcher/jvm.options"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/galvani-mutation-XXXXXX")"
cp -r "${here}/controller-core/src/main/java" "${WORK}/src"
monitor="org/galvani/safety/SafetyMonitor.java"
controller="org/galvani/controller/Controller.java"
echo "mutation work folder: ${WORK} (tries ${tries}, seed ${seed})" >&2

# id | requirement | file | sed expression (each must change exactly the guarded line)
mutations=(
  "M01|SR-13 driver error on sample|${monitor}|s/if (sampleResult != HalErrorCode.OK)/if (false \&\& sampleResult != HalErrorCode.OK)/"
  "M02|SR-9 tick overrun|${monitor}|s/if (uncontrolledNs > limits.overrunTripNs())/if (false \&\& uncontrolledNs > limits.overrunTripNs())/"
  "M03|SR-9 consecutive late ticks|${monitor}|s/if (lateCount >= limits.lateTickTripCount())/if (false \&\& lateCount >= 1)/"
  "M04|SR-9 driver watchdog bit|${monitor}|s/if (sample.hasStatus(HalStatus.WATCHDOG_TRIPPED))/if (false \&\& sample.hasStatus(HalStatus.WATCHDOG_TRIPPED))/"
  "M05|SR-7 ADC out of range|${monitor}|s/if (sample.hasStatus(HalStatus.ADC_OVERRANGE) ||/if (false \&\& sample.hasStatus(HalStatus.ADC_OVERRANGE) ||/"
  "M06|SR-7 supply out of range|${monitor}|s/if (!(supplyMv >= limits.supplyMinMv()/if (false \&\& !(supplyMv >= limits.supplyMinMv()/"
  "M07|SR-7 channel disagreement|${monitor}|s/if (disagreementCount >= limits.disagreementDebounce())/if (false \&\& disagreementCount >= 1)/"
  "M08|SR-7 sensor stuck|${monitor}|s/if (movedUa > limits.stuckSetpointChangeUa())/if (false \&\& movedUa > 0)/"
  "M09|SR-3 absolute hard limit|${monitor}|s/if (currentUa > limits.absoluteLimitUa())/if (false \&\& currentUa > 0)/"
  "M10|SR-3 session overcurrent|${monitor}|s/if (currentUa > tripLevelUa)/if (false \&\& currentUa > tripLevelUa)/"
  "M11|SR-2 output not allowed (relay/leak)|${monitor}|s/if (idleCount >= 2)/if (false \&\& idleCount >= 2)/"
  "M12|SR-4 current density|${monitor}|s/if (densityCount >= limits.densityDebounce())/if (false \&\& densityCount >= 1)/"
  "M13|SR-8 DAC read-back|${monitor}|s/if (readbackCount >= limits.readbackDebounce())/if (false \&\& readbackCount >= 1)/"
  "M14|SR-11 dose exceeded|${monitor}|s/if (deliveredDoseUc > doseLimitUc)/if (false \&\& deliveredDoseUc > doseLimitUc)/"
  "M15|SR-5 compliance voltage|${monitor}|s/if (complianceCount >= limits.complianceDebounce())/if (false \&\& complianceCount >= 1)/"
  "M16|SR-6 contact lost (hold-off)|${monitor}|s/if (voltageMv >= limits.impedanceMinVoltageMv() \&\& impedanceOhm > limits.openCircuitOhm())/if (false \&\& voltageMv > 0)/"
  "M17|SR-6 short circuit|${monitor}|s/if (shortCount >= limits.shortDebounce())/if (false \&\& shortCount >= 1)/"
  "C01|SR-2 safe output outside the output states|${controller}|s/if (!state.outputAllowed() || verdict != Verdict.OK)/if (verdict != Verdict.OK)/"
  "C02|SR-12 SR-16 reset needs authorisation and a reason|${controller}|s/return reset.authorised() \&\& reset.reason() != null \&\& !reset.reason().isBlank() ||/return true ||/"
  "C03|SR-1 blocked screening refused|${controller}|s/return ((ScreeningDecision)attachment).armable() || state/return true || state/"
  "C04|SR-16 unauthorised plan refused|${controller}|s/return ((SessionPlan)attachment).authorised() || state/return true || state/"
  "C05|SR-10 compliance hold of the setpoint|${controller}|s/ramp.holdAtMost(measuredUa + ramp.stepUa());/{ }/"
  "C06|SR-13 actuate error trips next tick|${controller}|s/pendingTrip.set(TripCause.DRIVER_ERROR, tick, actuateResult, HalErrorCode.OK);/{ }/"
  "C07|SR-14 journal failure trips|${controller}|s/pendingTrip.set(TripCause.JOURNAL_FAILURE, tick, 1, 0);/{ }/"
  "C08|SR-17 clamp change journaled|${controller}|s/event.reset(EventType.CLAMPS_CHANGED, tick);/event.reset(EventType.CLAMPS_CHANGED, tick); if (clamps != 0) { activeClamps = clamps; return; }/"
)

run_campaign() # classes-dir out-dir [exclude]
{
  java "${flags[@]}" -Djna.tmpdir="${target}/jna-tmp" -cp "$1:${jar}:${target}/lib/*" \
    org.galvani.cli.GalvaniCli campaign --tries "${tries}" --seed "${seed}" --threads 2 --max-shrink-runs 80 \
    --allocation-every 0 --out "$2/out" ${3:+--exclude-trials "$3"} > "$2/campaign.txt" 2> /dev/null
}

# Baseline: the unmutated build with the same seed. Its failing trials (known findings, docs/qa-campaign.md)
# are excluded from every mutant's campaign, so a mutant counts as caught only by failures of its own.
mkdir -p "${WORK}/baseline/classes"
run_campaign "${WORK}/baseline/classes" "${WORK}/baseline"
exclude=$(grep -E '^  trial [0-9]+:' "${WORK}/baseline/campaign.txt" | sed -E 's/^  trial ([0-9]+):.*/\1/' | paste -sd, -)
echo "baseline (no mutation): $(grep -E '^  (PASS|FAIL) P' "${WORK}/baseline/campaign.txt" | grep -c FAIL) properties failed; \
failing trials excluded from the mutants: ${exclude:-none}" >&2
echo "Baseline (no mutation), seed ${seed}, ${tries} trials: failing trials ${exclude:-none} (known findings) are excluded below."
echo
echo "| id | check disabled | caught | properties failed (trials) | shrunk schedule (reproduce) and its violation |"
echo "|---|---|---|---|---|"
for m in "${mutations[@]}"; do
  IFS='|' read -r id req file expr <<< "${m}"
  if [ -n "${only}" ] && [ "${only}" != "${id}" ]; then continue; fi
  dir="${WORK}/${id}"
  mkdir -p "${dir}/src/$(dirname "${file}")" "${dir}/classes"
  sed "${expr}" "${WORK}/src/${file}" > "${dir}/src/${file}"
  if cmp -s "${WORK}/src/${file}" "${dir}/src/${file}"; then
    echo "| ${id} | ${req} | MUTATION DID NOT APPLY | | |"
    continue
  fi
  if ! javac -nowarn -d "${dir}/classes" -cp "${jar}:${target}/lib/*" "${dir}/src/${file}" > "${dir}/javac.txt" 2>&1; then
    echo "| ${id} | ${req} | DID NOT COMPILE | see ${dir}/javac.txt | |"
    continue
  fi
  run_campaign "${dir}/classes" "${dir}" "${exclude}"
  rc=$?
  failed=$(grep -E '^  FAIL' "${dir}/campaign.txt" | sed -E 's/^  FAIL (P[0-9]).*violated in ([0-9]+).*/\1 (\2)/' | paste -sd ' ' -)
  shrunk=$(grep -E '^reproduce exactly' "${dir}/campaign.txt" | sed -E "s/^reproduce exactly: //;")
  first=$(grep -A1 '^shrunk schedule' "${dir}/campaign.txt" | tail -1 | sed -E 's/^ +//' | cut -c1-160)
  if [ "${rc}" -eq 1 ]; then caught="yes"; elif [ "${rc}" -eq 0 ]; then caught="**no**"; else caught="error ${rc}"; fi
  echo "| ${id} | ${req} | ${caught} | ${failed} | ${shrunk:+\`${shrunk}\`} ${first:+— ${first}} |"
done
