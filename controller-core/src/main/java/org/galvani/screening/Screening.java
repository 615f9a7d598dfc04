package org.galvani.screening;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import org.galvani.config.InvalidConfigurationException;
import org.galvani.config.StrictJson;

/**
 * The clinician's screening input for one session (SR-1): which patient, where the electrodes go, which
 * conditions are present, which advisory conditions were acknowledged, and which signed overrides were
 * given. File form (read with {@link StrictJson}; {@code acknowledged} and {@code overrides} may be
 * omitted, {@code conditions} may not — an explicit {@code []} says "screened, nothing present"):
 * <pre>{@code
 * {"patientId": "P-0042", "placement": "FEET",
 *  "conditions": ["EPILEPSY", "CUTS_OR_SCRATCHES"],
 *  "acknowledged": ["CUTS_OR_SCRATCHES"],
 *  "overrides": [{"condition": "EPILEPSY", "clinicianId": "dr-ada",
 *                 "reason": "seizure-free for 12 years", "signature": "<base64>"}]}
 * }</pre>
 * Rules checked here (each failure an {@link InvalidConfigurationException} naming the field): the
 * patient id is 1..{@value #MAX_PATIENT_ID_LENGTH} characters without control characters or surrounding
 * blanks; no condition is listed twice; the derived {@link Condition#PLACEMENT_ACROSS_CHEST_OR_HEAD} is
 * never listed; every acknowledged condition is present; every override names a present condition (or
 * the derived placement condition when the placement puts electrodes across the chest or head) and at
 * most one override per condition. Signatures are checked by {@link ScreeningEvaluator}, not here.
 *
 * <p>Threading: immutable (defensive, unmodifiable copies); frozen for the session.
 *
 * @param patientId    the patient.
 * @param placement    electrode placement of this session.
 * @param conditions   conditions the clinician found present (never the derived one).
 * @param acknowledged advisory conditions the operator acknowledged.
 * @param overrides    signed clinician overrides.
 */
public record Screening(
    String patientId,
    Placement placement,
    Set<Condition> conditions,
    Set<Condition> acknowledged,
    List<ClinicianOverride> overrides)
{
    /** Longest accepted patient id. */
    public static final int MAX_PATIENT_ID_LENGTH = 64;

    private static final String DOCUMENT = "screening";

    /**
     * Validates and freezes the components.
     *
     * @throws InvalidConfigurationException naming the field.
     */
    public Screening
    {
        requirePatientId(patientId);
        if (placement == null)
        {
            throw new InvalidConfigurationException("placement", "placement is missing: allowed " +
                Arrays.toString(Placement.values()));
        }
        conditions = freeze("conditions", conditions);
        acknowledged = freeze("acknowledged", acknowledged == null ? Set.of() : acknowledged);
        for (final Condition condition : conditions)
        {
            if (condition.derived())
            {
                throw new InvalidConfigurationException("conditions", "conditions lists " + condition +
                    ": it is derived from the placement and must not be listed");
            }
        }
        for (final Condition condition : acknowledged)
        {
            if (!conditions.contains(condition))
            {
                throw new InvalidConfigurationException("acknowledged", "acknowledged = " + condition +
                    " is not among the present conditions " + conditions);
            }
        }
        overrides = List.copyOf(overrides == null ? List.of() : overrides);
        final Set<Condition> overridden = EnumSet.noneOf(Condition.class);
        for (int i = 0; i < overrides.size(); i++)
        {
            final Condition condition = overrides.get(i).condition();
            final String field = "overrides[" + i + "].condition";
            final boolean present = conditions.contains(condition) ||
                condition.derived() && placement.electrodesOnChestOrHead();
            if (!present)
            {
                throw new InvalidConfigurationException(field, field + " = " + condition +
                    " is not present in this screening (conditions " + conditions + ", placement " + placement + ")");
            }
            if (!overridden.add(condition))
            {
                throw new InvalidConfigurationException(field, field + " = " + condition +
                    " is overridden twice: at most one override per condition");
            }
        }
    }

    /**
     * @return the conditions the evaluator judges: the listed ones plus the derived placement condition
     *         when the electrodes are across the chest or head; unmodifiable, in enum order.
     */
    public Set<Condition> presentConditions()
    {
        final EnumSet<Condition> present = EnumSet.noneOf(Condition.class);
        present.addAll(conditions);
        if (placement.electrodesOnChestOrHead())
        {
            present.add(Condition.PLACEMENT_ACROSS_CHEST_OR_HEAD);
        }
        return Collections.unmodifiableSet(present);
    }

    /**
     * @param condition a condition.
     * @return the override naming it, or null.
     */
    public ClinicianOverride overrideOf(final Condition condition)
    {
        for (final ClinicianOverride override : overrides)
        {
            if (override.condition() == condition)
            {
                return override;
            }
        }
        return null;
    }

    /**
     * Loads a screening file.
     *
     * @param file the file.
     * @return the screening.
     * @throws InvalidConfigurationException naming the field.
     */
    public static Screening load(final Path file)
    {
        return StrictJson.read(file, ScreeningDocument.class, DOCUMENT).toScreening(DOCUMENT + " ("
            + file.getFileName() + ")");
    }

    /**
     * Parses a screening document.
     *
     * @param json UTF-8 JSON.
     * @return the screening.
     * @throws InvalidConfigurationException naming the field.
     */
    public static Screening parse(final byte[] json)
    {
        return StrictJson.read(json, ScreeningDocument.class, DOCUMENT).toScreening(DOCUMENT);
    }

    /**
     * Parses a screening document.
     *
     * @param json JSON text.
     * @return the screening.
     */
    public static Screening parse(final String json)
    {
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void requirePatientId(final String patientId)
    {
        if (patientId == null || patientId.isBlank())
        {
            throw new InvalidConfigurationException("patientId",
                "patientId is missing or blank: a patient id is required");
        }
        if (patientId.length() > MAX_PATIENT_ID_LENGTH || !patientId.strip().equals(patientId) ||
            patientId.chars().anyMatch(Character::isISOControl))
        {
            throw new InvalidConfigurationException("patientId", "patientId = \"" +
                patientId.replaceAll("\\p{Cntrl}", "?") + "\" is not acceptable: allowed 1.." + MAX_PATIENT_ID_LENGTH +
                " characters, no control characters, no leading or trailing blanks");
        }
    }

    private static Set<Condition> freeze(final String field, final Collection<Condition> conditions)
    {
        if (conditions == null)
        {
            throw new InvalidConfigurationException(field, field +
                " is missing: list the present conditions, [] when none is present");
        }
        final EnumSet<Condition> copy = EnumSet.noneOf(Condition.class);
        for (final Condition condition : conditions)
        {
            if (condition == null)
            {
                throw new InvalidConfigurationException(field, field + " holds a null: allowed " +
                    Arrays.toString(Condition.values()));
            }
            copy.add(condition);
        }
        return Collections.unmodifiableSet(copy);
    }

    /** The file form, lists kept as lists so duplicates can be named. */
    static final class ScreeningDocument
    {
        private final JsonNode patientId;
        private final Placement placement;
        private final List<Condition> conditions;
        private final List<Condition> acknowledged;
        private final List<OverrideEntry> overrides;

        @JsonCreator
        ScreeningDocument(
            @JsonProperty("patientId") final JsonNode patientId,
            @JsonProperty("placement") final Placement placement,
            @JsonProperty("conditions") final List<Condition> conditions,
            @JsonProperty("acknowledged") final List<Condition> acknowledged,
            @JsonProperty("overrides") final List<OverrideEntry> overrides)
        {
            this.patientId = patientId;
            this.placement = placement;
            this.conditions = conditions;
            this.acknowledged = acknowledged;
            this.overrides = overrides;
        }

        Screening toScreening(final String document)
        {
            try
            {
                requireNoDuplicates("conditions", conditions);
                requireNoDuplicates("acknowledged", acknowledged);
                final List<ClinicianOverride> parsed = new ArrayList<>();
                if (overrides != null)
                {
                    for (int i = 0; i < overrides.size(); i++)
                    {
                        final String field = "overrides[" + i + "]";
                        final OverrideEntry entry = overrides.get(i);
                        if (entry == null)
                        {
                            throw new InvalidConfigurationException(field, field +
                                " is null: an object {condition, clinicianId, reason, signature} is required");
                        }
                        try
                        {
                            parsed.add(new ClinicianOverride(entry.condition,
                                JsonText.text("clinicianId", entry.clinicianId), JsonText.text("reason", entry.reason),
                                JsonText.text("signature", entry.signature)));
                        }
                        catch (final InvalidConfigurationException ex)
                        {
                            throw new InvalidConfigurationException(field + "." + ex.field(),
                                field + ": " + ex.getMessage(), ex);
                        }
                    }
                }
                return new Screening(JsonText.text("patientId", patientId), placement, toSet(conditions),
                    toSet(acknowledged), parsed);
            }
            catch (final InvalidConfigurationException ex)
            {
                throw new InvalidConfigurationException(ex.field(), document + ": " + ex.getMessage(), ex);
            }
        }

        private static Set<Condition> toSet(final List<Condition> conditions)
        {
            if (conditions == null)
            {
                return null;
            }
            final Set<Condition> set = EnumSet.noneOf(Condition.class);
            set.addAll(conditions);
            return set;
        }

        private static void requireNoDuplicates(final String field, final List<Condition> conditions)
        {
            if (conditions == null)
            {
                return;
            }
            final Set<Condition> seen = EnumSet.noneOf(Condition.class);
            for (int i = 0; i < conditions.size(); i++)
            {
                final Condition condition = conditions.get(i);
                if (condition != null && !seen.add(condition))
                {
                    throw new InvalidConfigurationException(field + "[" + i + "]", field + "[" + i + "] = " +
                        condition + " is listed twice");
                }
                if (condition == null)
                {
                    throw new InvalidConfigurationException(field + "[" + i + "]", field + "[" + i +
                        "] is null: allowed " + Arrays.toString(Condition.values()));
                }
            }
        }
    }

    /** One override in the file. */
    static final class OverrideEntry
    {
        private final Condition condition;
        private final JsonNode clinicianId;
        private final JsonNode reason;
        private final JsonNode signature;

        @JsonCreator
        OverrideEntry(
            @JsonProperty("condition") final Condition condition,
            @JsonProperty("clinicianId") final JsonNode clinicianId,
            @JsonProperty("reason") final JsonNode reason,
            @JsonProperty("signature") final JsonNode signature)
        {
            this.condition = condition;
            this.clinicianId = clinicianId;
            this.reason = reason;
            this.signature = signature;
        }
    }
}
