#!/usr/bin/env bash
# Teeth of the safety properties (docs/qa-campaign.md): disables each safety check in turn by a one-line source
# mutation of a COPY of SafetyMonitor.java / Controller.java (the repository is never touched), compiles the
# mutant over the built jar (the mutated class comes first on the classpath), runs a short campaign, and
# records whether a property failed and the shrunk schedule. No production switch disables a check.
#
# Usage (after ./mvnw -B -o -q package -DskipTests):  verification/mutation-run.sh [TRIES] [SEED] [ONLY-ID,...]
# Prints a Markdown table; the campaign outputs are kept under $WORK (printed).
# The campaigns draw from every fault kind, the opt-in ones included (FaultKind.all(): bus-stall with the driver's
# watchdog on, relay-stuck, actuate-error, electrode-offset, journal-refusal), and journal 1 trial in 10 (P5).
# A compound mutant (a backstop with its primary check disabled too) lists further file|expression pairs after |+|.
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
treatment="org/galvani/controller/Treatment.java"
# GALVANI_MUTATION_FAULTS=default runs the default fault set (the campaign's own, as the runs before issue 12 did)
faults="${GALVANI_MUTATION_FAULTS:-all}"
[ "${faults}" = default ] && faults=""
echo "mutation work folder: ${WORK} (tries ${tries}, seed ${seed})" >&2

# id | requirement | file | sed expression [|+| file | sed expression ...] (each must change exactly the guarded line)
mutations=(
  "M01|SR-13 driver error on sample|${monitor}|s/if (sampleResult != HalErrorCode.OK)/if (false \&\& sampleResult != HalErrorCode.OK)/"
  "M02|SR-9 tick overrun|${monitor}|s/if (uncontrolledNs > limits.overrunTripNs())/if (false \&\& uncontrolledNs > limits.overrunTripNs())/"
  "M03|SR-9 consecutive late ticks|${monitor}|s/if (lateCount >= limits.lateTickTripCount())/if (false \&\& lateCount >= 1)/"
  "M04|SR-9 driver watchdog bit|${monitor}|s/if (sample.hasStatus(HalStatus.WATCHDOG_TRIPPED))/if (false \&\& sample.hasStatus(HalStatus.WATCHDOG_TRIPPED))/"
  "M05|SR-7 ADC out of range|${monitor}|s/if (sample.hasStatus(HalStatus.ADC_OVERRANGE) || atRail(codeA) || atRail(codeB) || atRail(codeV))/if (false)/"
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
  "M26|SR-3 absolute hard limit with its primary, the session overcurrent, disabled too (compound: M09 + M10)|${monitor}|s/if (currentUa > limits.absoluteLimitUa())/if (false \&\& currentUa > 0)/|+|${monitor}|s/if (currentUa > tripLevelUa)/if (false \&\& currentUa > tripLevelUa)/"
  "M27|SR-11 dose exceeded with its primary, the ramp-down at the dose, disabled too (compound: M14 + Treatment)|${monitor}|s/if (deliveredDoseUc > doseLimitUc)/if (false \&\& deliveredDoseUc > doseLimitUc)/|+|${treatment}|s/        return doseReached;/        return false;/"
  "M28|SR-18 native safety channel latch trips|${monitor}|s/if (sample.hasStatus(HalStatus.SAFETY_LATCHED))/if (false \&\& sample.hasStatus(HalStatus.SAFETY_LATCHED))/"
  "M29|SR-20 contact degraded (hold-off)|${monitor}|s/if (degradedCount >= limits.contactRiseDebounce())/if (false \&\& degradedCount >= 1)/"
  "M30|SR-7 measured current off the commanded current|${monitor}|s/if (mismatchCount >= limits.commandMismatchDebounce())/if (false \&\& mismatchCount >= 1)/"
  "M31|SR-7 sensor stuck with its primary, the command plausibility check, disabled too (compound: M08 + M30)|${monitor}|s/if (movedUa > limits.stuckSetpointChangeUa())/if (false \&\& movedUa > 0)/|+|${monitor}|s/if (mismatchCount >= limits.commandMismatchDebounce())/if (false \&\& mismatchCount >= 1)/"
)

run_campaign() # classes-dir out-dir [exclude]
{
  java "${flags[@]}" -Djna.tmpdir="${target}/jna-tmp" -cp "$1:${jar}:${target}/lib/*" \
    org.galvani.cli.GalvaniCli campaign --tries "${tries}" --seed "${seed}" --threads 2 --max-shrink-runs 80 \
    --allocation-every 0 --journal-every 10 ${faults:+--faults "${faults}"} --out "$2/out" ${3:+--exclude-trials "$3"} \
    > "$2/campaign.txt" 2> /dev/null
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
  # further pairs of a compound mutant follow after "|+|", each "file|expression" (an expression may contain "|")
  rest="${expr}|+|"; parts=()
  while [ -n "${rest}" ]; do
    parts+=("${file}" "${rest%%|+|*}"); rest="${rest#*|+|}"
    if [ -n "${rest}" ]; then file="${rest%%|*}"; rest="${rest#*|}"; fi
  done
  if [ -n "${only}" ] && [[ ",${only}," != *",${id},"* ]]; then continue; fi
  dir="${WORK}/${id}"
  mkdir -p "${dir}/classes"
  sources=(); applied=yes
  for ((k = 0; k < ${#parts[@]}; k += 2)); do
    file="${parts[k]}"; expr="${parts[k + 1]}"
    mkdir -p "${dir}/src/$(dirname "${file}")"
    # a second expression on the same file applies to the first one's result; each must change the file
    input="${WORK}/src/${file}"
    if [ -f "${dir}/src/${file}" ]; then input="${dir}/src/${file}.prev"; mv "${dir}/src/${file}" "${input}"; fi
    sed "${expr}" "${input}" > "${dir}/src/${file}"
    if cmp -s "${input}" "${dir}/src/${file}"; then applied=no; fi
    [[ " ${sources[*]} " == *" ${dir}/src/${file} "* ]] || sources+=("${dir}/src/${file}")
  done
  if [ "${applied}" = no ]; then
    echo "| ${id} | ${req} | MUTATION DID NOT APPLY | | |"
    continue
  fi
  if ! javac -nowarn -d "${dir}/classes" -cp "${jar}:${target}/lib/*" "${sources[@]}" > "${dir}/javac.txt" 2>&1; then
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
