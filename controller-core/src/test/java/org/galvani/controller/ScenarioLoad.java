package org.galvani.controller;

import java.util.ArrayList;
import java.util.List;

import org.galvani.hal.HalCommand;
import org.galvani.hal.HalErrorCode;
import org.galvani.hal.HalInfo;
import org.galvani.hal.HalSample;
import org.galvani.hal.HalStatus;
import org.galvani.hal.HardwareDriver;
import org.galvani.testing.TestHal;

/**
 * A pure-Java driver for the controller's scenario tests ({@link ControllerScenarioTest}): a resistive load behind a
 * current source with a 55 V compliance (the load can change between ticks, {@link Double#POSITIVE_INFINITY} is an
 * open circuit), ±2 LSB of deterministic noise per channel (or none), and faults a scenario injects at one step: a
 * sample error, an actuate error, a refusal of the independent safety channel's arming. It records every arming
 * of the safety channel (SR-18). The sample of step n shows the command actuated at step n - 1, as the native sim.
 *
 * <p>Unlike {@link org.galvani.testing.FakeLoadDriver} (a fixed load, for the tests that only need a session to
 * run), this one is scripted tick by tick. Threading: the test's thread. Allocation: none per sample or actuate.
 */
final class ScenarioLoad implements HardwareDriver
{
    /** The scales of the native sim (50 mA and 100 V full scale, 16-bit DAC). */
    static final HalInfo INFO = TestHal.simScales();
    /** The load's compliance voltage (below the monitor's 63 V limit: compliance limits, it does not trip). */
    static final double COMPLIANCE_MV = 55_000.0;

    /** One arming of the independent safety channel: the ceiling and the reversal flag the controller passed. */
    record Arming(double chargeCeilingUc, boolean polarityReversed)
    {
    }

    final List<Arming> armings = new ArrayList<>();
    private double loadOhm;
    private boolean noisy = true;
    private long step;
    private long noise = 0x9E3779B97F4A7C15L;
    private int dacCode;
    private boolean enabled;
    private boolean reversed;
    private int duty = HalCommand.CONTINUOUS_DUTY_PERMILLE;
    private long sampleErrorStep = -1;
    private int sampleErrorCode;
    private long actuateErrorStep = -1;
    private int actuateErrorCode;
    private int actuations;
    private int armResult = HalErrorCode.OK;
    private int extraStatus;
    private double extraCurrentUa;
    private double gain = 1.0;
    private double offsetMv;

    ScenarioLoad(final double loadOhm)
    {
        this.loadOhm = loadOhm;
    }

    /** @param ohm the load from the next sample on ({@link Double#POSITIVE_INFINITY}: open circuit). @return this. */
    ScenarioLoad load(final double ohm)
    {
        loadOhm = ohm;
        return this;
    }

    /** @return this, without noise: every reading exact to the LSB. */
    ScenarioLoad quiet()
    {
        noisy = false;
        return this;
    }

    /** @param atStep the step whose sample fails. @param code its code. @return this. */
    ScenarioLoad sampleErrorAt(final long atStep, final int code)
    {
        sampleErrorStep = atStep;
        sampleErrorCode = code;
        return this;
    }

    /** @param code the code the next actuate returns (once). @return this. */
    ScenarioLoad failNextActuate(final int code)
    {
        actuateErrorStep = actuations;
        actuateErrorCode = code;
        return this;
    }

    /** @param code what every arming of the safety channel returns from now on. @return this. */
    ScenarioLoad armResult(final int code)
    {
        armResult = code;
        return this;
    }

    /** @param status status bits every sample also shows (e.g. {@link HalStatus#COMPLIANCE}). @return this. */
    ScenarioLoad extraStatus(final int status)
    {
        extraStatus = status;
        return this;
    }

    /** @param currentUa a current both channels read on top of what the load takes (a source fault). @return this. */
    ScenarioLoad extraCurrent(final double currentUa)
    {
        extraCurrentUa = currentUa;
        return this;
    }

    /** @param sourceGain the current the source delivers per µA commanded (1: exact). @return this. */
    ScenarioLoad gain(final double sourceGain)
    {
        gain = sourceGain;
        return this;
    }

    /** @param electrodeOffsetMv a voltage the electrode channel reads on top of the load's (output on or off). @return this. */
    ScenarioLoad voltageOffset(final double electrodeOffsetMv)
    {
        offsetMv = electrodeOffsetMv;
        return this;
    }

    /** @return the samples taken so far. */
    long step()
    {
        return step;
    }

    /** @return the DAC code of the last actuate, 0 with the output off. */
    int dacCode()
    {
        return dacCode;
    }

    /** @return whether the last actuate enabled the output. */
    boolean enabled()
    {
        return enabled;
    }

    /** @return the duty of the last actuate. */
    int duty()
    {
        return duty;
    }

    @Override
    public HalInfo info()
    {
        return INFO;
    }

    @Override
    public int sample(final HalSample into)
    {
        final long now = step++;
        final boolean open = Double.isInfinite(loadOhm);
        double currentUa = enabled && !open ? gain * dacCode * INFO.dacUaPerCode() : 0.0;
        double voltageMv = open ? (enabled ? COMPLIANCE_MV : 0.0) : currentUa * loadOhm / 1000.0;
        int status = (enabled ? HalStatus.OUTPUT_ENABLED : 0) | (reversed ? HalStatus.POLARITY_REVERSED : 0) |
            extraStatus;
        if (voltageMv > COMPLIANCE_MV)
        {
            voltageMv = COMPLIANCE_MV;
            currentUa = voltageMv * 1000.0 / loadOhm;
            status |= HalStatus.COMPLIANCE;
        }
        if (open && enabled)
        {
            status |= HalStatus.COMPLIANCE;
        }
        final int sign = reversed ? -1 : 1;
        final int currentCode = (int)Math.round((currentUa + extraCurrentUa) / TestHal.SIM_UA_PER_LSB);
        into.set(sign * currentCode + noise(), sign * currentCode + noise(),
            sign * (int)Math.round((voltageMv + offsetMv) / TestHal.SIM_MV_PER_LSB) + noise(),
            (int)Math.round(48_000.0 / TestHal.SIM_MV_PER_LSB) + noise(), dacCode, status, now);
        return now == sampleErrorStep ? sampleErrorCode : HalErrorCode.OK;
    }

    private int noise()
    {
        if (!noisy)
        {
            return 0;
        }
        noise ^= noise << 13;
        noise ^= noise >>> 7;
        noise ^= noise << 17;
        return (int)Math.floorMod(noise, 5L) - 2;
    }

    @Override
    public int actuate(final HalCommand command)
    {
        final int index = actuations++;
        dacCode = command.outputEnabled() ? command.dacCode() : 0;
        enabled = command.outputEnabled();
        reversed = command.polarityReversed();
        duty = command.dutyPermille();
        return index == actuateErrorStep ? actuateErrorCode : HalErrorCode.OK;
    }

    @Override
    public int armSafetyChannel(final double chargeCeilingUc, final boolean polarityReversed)
    {
        armings.add(new Arming(chargeCeilingUc, polarityReversed));
        return armResult;
    }

    @Override
    public int kick()
    {
        return HalErrorCode.OK;
    }

    @Override
    public String describeError(final int code)
    {
        return "scenario code " + code;
    }

    @Override
    public void close()
    {
    }
}
