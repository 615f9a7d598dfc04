package org.galvani.clinical;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One entry of the maker's drug file: tightens a built-in drug (every field optional; only towards safety)
 * or adds a new one (every field required, with its source). Applied by {@link DrugCatalogue#apply}.
 * Immutable.
 *
 * <pre>{@code
 * {"drugs": [{"drug": "lidocaine", "maxCurrentMa": 3.0},
 *            {"drug": "ketoprofen", "name": "ketoprofen 2.5 %", "charge": "ANIONIC",
 *             "protocols": ["sports-injury"], "maxCurrentMa": 3.0, "maxDensityMaPerCm2": 0.3,
 *             "minDoseMaMin": 10.0, "maxDoseMaMin": 40.0, "clinicOnly": false, "pulsedAllowed": false,
 *             "source": "..."}]}
 * }</pre>
 *
 * @param drug               the drug's id.
 * @param name               a new drug's name (a built-in's name cannot change).
 * @param charge             a new drug's charge (a built-in's charge cannot change: the polarity follows it).
 * @param protocols          a new drug's protocols; for a built-in, a subset of its protocols.
 * @param maxCurrentMa       may only fall.
 * @param maxDensityMaPerCm2 may only fall.
 * @param minDoseMaMin       may only rise.
 * @param maxDoseMaMin       may only fall.
 * @param clinicOnly         may only change false → true.
 * @param pulsedAllowed      may only change true → false.
 * @param source             a new drug's source (required for a new drug).
 */
public record DrugTightening(
    String drug,
    String name,
    DrugCharge charge,
    List<ProtocolId> protocols,
    Double maxCurrentMa,
    Double maxDensityMaPerCm2,
    Double minDoseMaMin,
    Double maxDoseMaMin,
    Boolean clinicOnly,
    Boolean pulsedAllowed,
    String source)
{
    /**
     * The drug file. Immutable.
     *
     * @param drugs the entries, at most one per drug.
     */
    public record File(List<DrugTightening> drugs)
    {
        /**
         * Copies the list (unmodifiable; a null entry is kept for the catalogue to refuse by its index).
         */
        public File
        {
            // not List.copyOf: a null entry (JSON null) must survive binding, so that the catalogue refuses it
            // by its index ("drugs[0].drug is missing") rather than binding failing on a NullPointerException
            drugs = drugs == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(drugs));
        }
    }
}
