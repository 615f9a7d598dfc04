package org.galvani.testing;

import org.galvani.hal.HalCommand;
import org.galvani.hal.HalErrorCode;
import org.galvani.hal.HalInfo;
import org.galvani.hal.HalSample;
import org.galvani.hal.HalStatus;
import org.galvani.hal.HardwareDriver;

/**
 * A pure-Java driver for unit tests of the controller and the replay engine, so the tick pipeline is
 * tested in controller-core without the native sim: a resistive load behind a current source with a compliance
 * voltage, ±2 LSB of deterministic noise per channel, an optional open circuit (hand out of the water) and an
 * optional sample error at one step. The sample of step n shows the command actuated at step n - 1.
 *
 * <p>Threading: the test's thread. Allocation: none per call.
 */
public final class FakeLoadDriver implements HardwareDriver
{
    /** Current ADC scale, µA per LSB. */
    public static final double UA_PER_LSB = TestHal.SIM_UA_PER_LSB;
    /** Voltage ADC scale, mV per LSB. */
    public static final double MV_PER_LSB = TestHal.SIM_MV_PER_LSB;
    /** What the driver reports: 50 mA and 100 V full scale, a 16-bit DAC, 1 kHz, 60 V compliance. */
    public static final HalInfo INFO = TestHal.simScales();

    private static final double COMPLIANCE_MV = 55_000.0;

    private final double loadOhm;
    private long step;
    private long noise = 0x9E3779B97F4A7C15L;
    private int dacCode;
    private boolean enabled;
    private boolean reversed;
    private long openFromStep = -1;
    private long openUntilStep = -1;
    private long errorAtStep = -1;
    private int errorCode;

    /**
     * @param loadOhm the resistive load between the electrodes.
     */
    public FakeLoadDriver(final double loadOhm)
    {
        this.loadOhm = loadOhm;
    }

    /**
     * Opens the circuit for the given steps (hand out of the water).
     *
     * @param fromStep first open step.
     * @param steps    how many steps.
     * @return this.
     */
    public FakeLoadDriver openCircuit(final long fromStep, final long steps)
    {
        openFromStep = fromStep;
        openUntilStep = fromStep + steps;
        return this;
    }

    /**
     * Makes the sample call of one step fail with a driver code.
     *
     * @param atStep the step.
     * @param code   the {@link HalErrorCode}.
     * @return this.
     */
    public FakeLoadDriver sampleErrorAt(final long atStep, final int code)
    {
        errorAtStep = atStep;
        errorCode = code;
        return this;
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
        final boolean open = now >= openFromStep && now < openUntilStep;
        double currentUa = enabled && !open ? dacCode * INFO.dacUaPerCode() : 0.0;
        double voltageMv = open && enabled ? COMPLIANCE_MV : currentUa * loadOhm / 1000.0;
        int status = (enabled ? HalStatus.OUTPUT_ENABLED : 0) | (reversed ? HalStatus.POLARITY_REVERSED : 0);
        if (voltageMv > COMPLIANCE_MV)
        {
            voltageMv = COMPLIANCE_MV;
            currentUa = voltageMv * 1000.0 / loadOhm;
            status |= HalStatus.COMPLIANCE;
        }
        final int sign = reversed ? -1 : 1;
        into.set(sign * (int)Math.round(currentUa / UA_PER_LSB) + noise(),
            sign * (int)Math.round(currentUa / UA_PER_LSB) + noise(),
            sign * (int)Math.round(voltageMv / MV_PER_LSB) + noise(),
            (int)Math.round(48_000.0 / MV_PER_LSB) + noise(),
            dacCode, status, now);
        return now == errorAtStep ? errorCode : HalErrorCode.OK;
    }

    private int noise()
    {
        noise ^= noise << 13;
        noise ^= noise >>> 7;
        noise ^= noise << 17;
        return (int)Math.floorMod(noise, 5L) - 2;
    }

    @Override
    public int actuate(final HalCommand command)
    {
        dacCode = command.outputEnabled() ? command.dacCode() : 0;
        enabled = command.outputEnabled();
        reversed = command.polarityReversed();
        return HalErrorCode.OK;
    }

    @Override
    public int kick()
    {
        return HalErrorCode.OK;
    }

    @Override
    public String describeError(final int code)
    {
        return "fake code " + code;
    }

    @Override
    public void close()
    {
    }
}
