package org.galvani.clinical;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One entry of the maker's protocol file: the fields of a protocol the maker tightens. Every field but
 * {@code protocol} is optional (null = keep the built-in value). Applied by
 * {@link ProtocolCatalogue#tighten}, which rejects any value looser than the built-in protocol or the
 * device limits. Immutable.
 *
 * <pre>{@code
 * {"protocols": [{"protocol": "hyperhidrosis-hands", "maxCurrentMa": 20.0, "maxDurationMin": 30.0}]}
 * }</pre>
 *
 * @param protocol               the protocol's name, e.g. {@code hyperhidrosis-hands}.
 * @param titrationAllowed       may only change true → false.
 * @param minCurrentMa           may only rise.
 * @param maxCurrentMa           may only fall (and never above the device's maxPrescribableCurrentMa).
 * @param defaultCurrentMa       within the tightened min .. max.
 * @param defaultStartMa         within 0 .. the tightened max.
 * @param defaultStepMa          may only fall.
 * @param rampRateMaPerS         may only fall (and never above the device's maxRampRateMaPerS).
 * @param minDurationMin         may only rise.
 * @param maxDurationMin         may only fall (and never above the device's maxSessionMin).
 * @param defaultDurationMin     within the tightened min .. max.
 * @param defaultDoseMaMin       within the tightened max.
 * @param maxDoseMaMin           may only fall (and never above the device's doseCapMaMin).
 * @param reversalAllowed        may only change true → false.
 * @param pulsedAllowed          may only change true → false.
 * @param densityClampAllowed    may only change true → false (reject instead of clamp).
 * @param authorisationMandatory may only change false → true.
 */
public record ProtocolTightening(
    ProtocolId protocol,
    Boolean titrationAllowed,
    Double minCurrentMa,
    Double maxCurrentMa,
    Double defaultCurrentMa,
    Double defaultStartMa,
    Double defaultStepMa,
    Double rampRateMaPerS,
    Double minDurationMin,
    Double maxDurationMin,
    Double defaultDurationMin,
    Double defaultDoseMaMin,
    Double maxDoseMaMin,
    Boolean reversalAllowed,
    Boolean pulsedAllowed,
    Boolean densityClampAllowed,
    Boolean authorisationMandatory)
{
    /**
     * The protocol file: a list of tightenings, at most one per protocol. Immutable.
     *
     * @param protocols the entries.
     */
    public record File(List<ProtocolTightening> protocols)
    {
        /**
         * Copies the list (unmodifiable; a null entry is kept for the catalogue to refuse by its index).
         */
        public File
        {
            // not List.copyOf: a null entry (JSON null) must survive binding, so that the catalogue refuses it
            // by its index ("protocols[0].protocol is missing") rather than binding failing on a NullPointerException
            protocols = protocols == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(protocols));
        }
    }
}
