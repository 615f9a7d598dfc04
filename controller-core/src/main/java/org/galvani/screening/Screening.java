package org.galvani.screening;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
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
 *  "metalImplantSites": ["LEG"],
 *  "overrides": [{"condition": "EPILEPSY", "clinicianId": "dr-ada", "prescriptionId": "RX-2026-0117",
 *                 "expiresAt": "2026-12-06T18:00:00Z",
 *                 "reason": "seizure-free for 12 years", "signature": "<base64>"}]}
 * }</pre>
 * {@code metalImplantSites} (SR-19, optional) lists where the patient has metal implants; one in or near the
 * placement's current path ({@link CurrentPath}) makes {@link Condition#METAL_IMPLANT_IN_PATH} present
 * (derived), one elsewhere does not block and the summary says so. An override without
 * {@code prescriptionId} and {@code expiresAt} is a version-1 override: refused with how to re-sign it.
 * Rules checked here (each failure an {@link InvalidConfigurationException} naming the field): the
 * patient id is 1..{@value #MAX_PATIENT_ID_LENGTH} characters without control characters or surrounding
 * blanks; no condition is listed twice; the derived {@link Condition#PLACEMENT_ACROSS_CHEST_OR_HEAD} is
 * never listed; every acknowledged condition is present; every override names a present condition (or
 * a derived condition) and at most one override per condition. Signatures are checked by {@link ScreeningEvaluator}, not here.
 *
 * <p>Threading: immutable (defensive, unmodifiable copies); frozen for the session.
 *
 * @param patientId    the patient.
 * @param placement    electrode placement of this session.
 * @param conditions   conditions the clinician found present (never the derived one).
 * @param acknowledged advisory conditions the operator acknowledged.
 * @param overrides    signed clinician overrides.
 * @param metalImplantSites where the patient has metal implants (SR-19); empty when none.
 */
public record Screening(
    String patientId,
    Placement placement,
    Set<Condition> conditions,
    Set<Condition> acknowledged,
    List<ClinicianOverride> overrides,
    Set<BodySite> metalImplantSites)
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
        metalImplantSites = freezeSites(metalImplantSites);
        overrides = List.copyOf(overrides == null ? List.of() : overrides);
        final Set<Condition> overridden = EnumSet.noneOf(Condition.class);
        final Set<Condition> presentConditions = present(placement, conditions, metalImplantSites);
        for (int i = 0; i < overrides.size(); i++)
        {
            final Condition condition = overrides.get(i).condition();
            final String field = "overrides[" + i + "].condition";
            final boolean present = presentConditions.contains(condition);
            if (!present)
            {
                throw new InvalidConfigurationException(field, field + " = " + condition +
                    " is not present in this screening (conditions " + conditions + ", placement " + placement +
                    (metalImplantSites.isEmpty() ? "" : ", metal implants at " + metalImplantSites + ", none in its " +
                    "current path " + CurrentPath.sites(placement)) + ")");
            }
            if (!overridden.add(condition))
            {
                throw new InvalidConfigurationException(field, field + " = " + condition +
                    " is overridden twice: at most one override per condition");
            }
        }
    }

    /**
     * A screening without metal implant sites.
     *
     * @param patientId    the patient.
     * @param placement    electrode placement of this session.
     * @param conditions   conditions the clinician found present (never the derived one).
     * @param acknowledged advisory conditions the operator acknowledged.
     * @param overrides    signed clinician overrides.
     */
    public Screening(
        final String patientId,
        final Placement placement,
        final Set<Condition> conditions,
        final Set<Condition> acknowledged,
        final List<ClinicianOverride> overrides)
    {
        this(patientId, placement, conditions, acknowledged, overrides, Set.of());
    }

    /**
     * @return the conditions the evaluator judges: the listed ones, plus the derived placement condition
     *         when the electrodes are across the chest or head, plus {@link Condition#METAL_IMPLANT_IN_PATH}
     *         when a metal implant site lies in or near the current path; unmodifiable, in enum order.
     */
    public Set<Condition> presentConditions()
    {
        return Collections.unmodifiableSet(present(placement, conditions, metalImplantSites));
    }

    /**
     * @return the metal implant sites in or near this placement's current path (SR-19); unmodifiable.
     */
    public Set<BodySite> implantSitesInPath()
    {
        final EnumSet<BodySite> sites = EnumSet.noneOf(BodySite.class);
        for (final BodySite site : metalImplantSites)
        {
            if (CurrentPath.inPath(site, placement))
            {
                sites.add(site);
            }
        }
        return Collections.unmodifiableSet(sites);
    }

    /**
     * @return the metal implant sites outside this placement's current path: they do not block; unmodifiable.
     */
    public Set<BodySite> implantSitesOutsidePath()
    {
        final EnumSet<BodySite> sites = EnumSet.noneOf(BodySite.class);
        sites.addAll(metalImplantSites);
        sites.removeAll(implantSitesInPath());
        return Collections.unmodifiableSet(sites);
    }

    private static EnumSet<Condition> present(
        final Placement placement, final Set<Condition> conditions, final Set<BodySite> metalImplantSites)
    {
        final EnumSet<Condition> present = EnumSet.noneOf(Condition.class);
        present.addAll(conditions);
        if (placement.electrodesOnChestOrHead())
        {
            present.add(Condition.PLACEMENT_ACROSS_CHEST_OR_HEAD);
        }
        for (final BodySite site : metalImplantSites)
        {
            if (CurrentPath.inPath(site, placement))
            {
                present.add(Condition.METAL_IMPLANT_IN_PATH);
            }
        }
        return present;
    }

    private static Set<BodySite> freezeSites(final Collection<BodySite> sites)
    {
        final EnumSet<BodySite> copy = EnumSet.noneOf(BodySite.class);
        if (sites != null)
        {
            for (final BodySite site : sites)
            {
                if (site == null)
                {
                    throw new InvalidConfigurationException("metalImplantSites", "metalImplantSites holds a null: " +
                        "allowed " + Arrays.toString(BodySite.values()));
                }
                copy.add(site);
            }
        }
        return Collections.unmodifiableSet(copy);
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

    /**
     * @param patientId a patient id.
     * @throws InvalidConfigurationException (field {@code patientId}) unless 1..{@value #MAX_PATIENT_ID_LENGTH}
     *                                       characters without control characters or surrounding blanks.
     */
    public static void requirePatientId(final String patientId)
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
        private final List<BodySite> metalImplantSites;

        @JsonCreator
        ScreeningDocument(
            @JsonProperty("patientId") final JsonNode patientId,
            @JsonProperty("placement") final Placement placement,
            @JsonProperty("conditions") final List<Condition> conditions,
            @JsonProperty("acknowledged") final List<Condition> acknowledged,
            @JsonProperty("overrides") final List<OverrideEntry> overrides,
            @JsonProperty("metalImplantSites") final List<BodySite> metalImplantSites)
        {
            this.patientId = patientId;
            this.placement = placement;
            this.conditions = conditions;
            this.acknowledged = acknowledged;
            this.overrides = overrides;
            this.metalImplantSites = metalImplantSites;
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
                            throw new InvalidConfigurationException(field, field + " is null: an object {condition, " +
                                "clinicianId, prescriptionId, expiresAt, reason, signature} is required");
                        }
                        try
                        {
                            parsed.add(entry.toOverride());
                        }
                        catch (final InvalidConfigurationException ex)
                        {
                            throw new InvalidConfigurationException(field + "." + ex.field(),
                                field + ": " + ex.getMessage(), ex);
                        }
                    }
                }
                requireNoDuplicateSites(metalImplantSites);
                return new Screening(JsonText.text("patientId", patientId), placement, toSet(conditions),
                    toSet(acknowledged), parsed, metalImplantSites == null ? Set.of() : Set.copyOf(metalImplantSites));
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

        private static void requireNoDuplicateSites(final List<BodySite> sites)
        {
            if (sites == null)
            {
                return;
            }
            final Set<BodySite> seen = EnumSet.noneOf(BodySite.class);
            for (int i = 0; i < sites.size(); i++)
            {
                final String field = "metalImplantSites[" + i + "]";
                if (sites.get(i) == null)
                {
                    throw new InvalidConfigurationException(field, field + " is null: allowed " +
                        Arrays.toString(BodySite.values()));
                }
                if (!seen.add(sites.get(i)))
                {
                    throw new InvalidConfigurationException(field, field + " = " + sites.get(i) + " is listed twice");
                }
            }
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
        private final JsonNode prescriptionId;
        private final JsonNode expiresAt;
        private final JsonNode reason;
        private final JsonNode signature;

        @JsonCreator
        OverrideEntry(
            @JsonProperty("condition") final Condition condition,
            @JsonProperty("clinicianId") final JsonNode clinicianId,
            @JsonProperty("prescriptionId") final JsonNode prescriptionId,
            @JsonProperty("expiresAt") final JsonNode expiresAt,
            @JsonProperty("reason") final JsonNode reason,
            @JsonProperty("signature") final JsonNode signature)
        {
            this.condition = condition;
            this.clinicianId = clinicianId;
            this.prescriptionId = prescriptionId;
            this.expiresAt = expiresAt;
            this.reason = reason;
            this.signature = signature;
        }

        ClinicianOverride toOverride()
        {
            final String clinician = JsonText.text("clinicianId", clinicianId);
            final String prescription = JsonText.text("prescriptionId", prescriptionId);
            final String expiry = JsonText.text("expiresAt", expiresAt);
            if (prescription == null && expiry == null)
            {
                throw new InvalidConfigurationException("prescriptionId", "a version-1 override (of " + condition +
                    " by " + clinician + ", without prescriptionId and expiresAt) is no longer accepted: it could be " +
                    "presented again in any later session; re-sign it for this session with 'galvani sign-override " +
                    "--prescription-id <the session's prescription id> --expires <instant>' (docs/screening.md)");
            }
            Instant expires = null;
            if (expiry != null)
            {
                try
                {
                    expires = OverrideStatement.parseExpiry(expiry);
                }
                catch (final IllegalArgumentException ex)
                {
                    throw new InvalidConfigurationException("expiresAt", "expiresAt " + ex.getMessage());
                }
            }
            return new ClinicianOverride(condition, clinician, prescription, expires,
                JsonText.text("reason", reason), JsonText.text("signature", signature));
        }
    }
}
