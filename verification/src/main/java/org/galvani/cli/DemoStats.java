package org.galvani.cli;

import java.io.PrintWriter;
import java.util.Locale;

import org.galvani.hal.HalErrorCode;
import org.galvani.hal.HalInfo;
import org.galvani.hal.HalSample;
import org.galvani.hal.HalStatus;
import org.galvani.hal.HardwareDriver;

/**
 * What {@link HalDemoCommand} saw over a run: currents, status-bit counts and driver errors. Owned by
 * the command's thread.
 */
final class DemoStats
{
    long steps;
    long wallNs;

    private final long rampSteps;
    private long samples;
    private long sampleErrors;
    private long actuateErrors;
    private int firstErrorCode = HalErrorCode.OK;
    private boolean sampleFailing;
    private boolean actuateFailing;
    private long complianceSteps;
    private long overrangeSteps;
    private long watchdogSteps;
    private double peakAbsCurrentAUa;
    private double maxDisagreementUa;
    private double holdSumCurrentAUa;
    private long holdSamples;
    private double lastCurrentAUa = Double.NaN;
    private double lastCurrentBUa = Double.NaN;

    DemoStats(final long rampSteps)
    {
        this.rampSteps = rampSteps;
    }

    void sampled(final long step, final HalSample sample, final HalInfo info)
    {
        samples++;
        final double currentAUa = info.currentAUa(sample.currentARaw());
        final double currentBUa = info.currentBUa(sample.currentBRaw());
        peakAbsCurrentAUa = Math.max(peakAbsCurrentAUa, Math.abs(currentAUa));
        maxDisagreementUa = Math.max(maxDisagreementUa, Math.abs(currentAUa - currentBUa));
        if (step > rampSteps)
        {
            holdSumCurrentAUa += currentAUa;
            holdSamples++;
        }
        lastCurrentAUa = currentAUa;
        lastCurrentBUa = currentBUa;
        complianceSteps += sample.hasStatus(HalStatus.COMPLIANCE) ? 1 : 0;
        overrangeSteps += sample.hasStatus(HalStatus.ADC_OVERRANGE) ? 1 : 0;
        watchdogSteps += sample.hasStatus(HalStatus.WATCHDOG_TRIPPED) ? 1 : 0;
    }

    void driverResult(
        final String call, final int result, final double timeMs, final HardwareDriver driver, final PrintWriter out)
    {
        final boolean sample = "sample".equals(call);
        final boolean wasFailing = sample ? sampleFailing : actuateFailing;
        final boolean failing = result != HalErrorCode.OK;
        if (failing)
        {
            if (sample)
            {
                sampleErrors++;
            }
            else
            {
                actuateErrors++;
            }
            if (firstErrorCode == HalErrorCode.OK)
            {
                firstErrorCode = result;
            }
        }
        if (failing != wasFailing)
        {
            out.printf(Locale.ROOT, "%9.1f  %s %s%n", timeMs, call,
                failing ? "failed: " + driver.describeError(result) : "ok again");
        }
        if (sample)
        {
            sampleFailing = failing;
        }
        else
        {
            actuateFailing = failing;
        }
    }

    boolean faulted()
    {
        return sampleErrors > 0 || actuateErrors > 0 || watchdogSteps > 0;
    }

    void print(final PrintWriter out, final HalInfo info, final HardwareDriver driver)
    {
        out.printf(Locale.ROOT, "summary: %d steps (%.3f s simulated) in %.1f ms wall, %d samples%n",
            steps, steps * info.stepUs() / 1e6, wallNs / 1e6, samples);
        out.printf(Locale.ROOT, "  current A: last %.3f mA, peak |A| %.3f mA, mean after ramp %s%n",
            lastCurrentAUa / 1000.0, peakAbsCurrentAUa / 1000.0,
            holdSamples == 0 ? "-" : String.format(Locale.ROOT, "%.3f mA", holdSumCurrentAUa / holdSamples / 1000.0));
        out.printf(Locale.ROOT, "  current B: last %.3f mA, max |A-B| %.3f mA%n",
            lastCurrentBUa / 1000.0, maxDisagreementUa / 1000.0);
        out.printf(Locale.ROOT, "  status: compliance %d, adc over-range %d, watchdog tripped %d samples%n",
            complianceSteps, overrangeSteps, watchdogSteps);
        out.printf(Locale.ROOT, "  driver errors: sample %d, actuate %d%s%n", sampleErrors, actuateErrors,
            firstErrorCode == HalErrorCode.OK ? "" : " (first: " + driver.describeError(firstErrorCode) + ")");
        out.println(faulted() ? "result: FAULT (driver errors or watchdog trip)" : "result: completed");
    }
}
