package org.galvani.screening;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import org.galvani.config.InvalidConfigurationException;
import org.galvani.config.StrictJson;

/**
 * The interlock policy table (SR-1): for every condition and placement, the rule that applies.
 * {@link #defaults()} is the library's table (see docs/screening.md):
 *
 * <pre>
 * SR-1.R1   IMPLANTED_ELECTRONIC_DEVICE              any placement              ABSOLUTE_BLOCK
 * SR-1.R2   HEART_CONDITION                          path across chest or head  ABSOLUTE_BLOCK
 * SR-1.R3   HEART_CONDITION                          other placements           BLOCK_UNLESS_OVERRIDDEN
 * SR-1.R4   METAL_IMPLANT_IN_PATH                    any                        BLOCK_UNLESS_OVERRIDDEN
 * SR-1.R5   EPILEPSY                                 any                        BLOCK_UNLESS_OVERRIDDEN
 * SR-1.R6   PREGNANCY                                any                        BLOCK_UNLESS_OVERRIDDEN
 * SR-1.R7   IMPAIRED_SENSATION                       any                        BLOCK_UNLESS_OVERRIDDEN
 * SR-1.R8   THROMBOSIS                               any                        BLOCK_UNLESS_OVERRIDDEN
 * SR-1.R9   YOUNG_CHILD                              any                        BLOCK_UNLESS_OVERRIDDEN
 * SR-1.R10  DRUG_ALLERGY                             any                        BLOCK_UNLESS_OVERRIDDEN
 * SR-1.R11  PLACEMENT_ACROSS_CHEST_OR_HEAD (derived) ACROSS_CHEST, ACROSS_HEAD  BLOCK_UNLESS_OVERRIDDEN
 * SR-1.R12  CUTS_OR_SCRATCHES                        any                        ADVISORY_ACKNOWLEDGE
 * </pre>
 *
 * <p>A maker may <em>tighten</em> the table ({@link #tighten}): a rule replaces the rule of every cell
 * (condition × placement) it covers, and must be at least as strict as each of them. Any attempt to
 * loosen a cell is rejected with an {@link InvalidConfigurationException} naming the condition, the
 * placement and both rules; nothing is half-applied. Maker rule ids must not start with {@code SR-}
 * (reserved for the defaults). The tightening file is
 * <pre>{@code
 * {"rules": [
 *   {"id": "ACME-1", "condition": "EPILEPSY", "action": "ABSOLUTE_BLOCK", "rationale": "..."},
 *   {"id": "ACME-2", "condition": "PREGNANCY", "placement": "TRUNK_LOCAL", "action": "ABSOLUTE_BLOCK",
 *    "rationale": "..."}
 * ]}
 * }</pre>
 * where {@code placement} is optional (absent: every placement) and ids are unique within the file.
 *
 * <p>Threading: immutable and thread-safe; {@code tighten} returns a new policy.
 */
public final class InterlockPolicy
{
    /** Prefix reserved for the library's default rule ids. */
    public static final String RESERVED_ID_PREFIX = "SR-";

    private static final Condition[] CONDITIONS = Condition.values();
    private static final Placement[] PLACEMENTS = Placement.values();
    private static final InterlockPolicy DEFAULTS = buildDefaults();

    private final InterlockRule[][] table;

    private InterlockPolicy(final InterlockRule[][] table)
    {
        this.table = table;
    }

    /**
     * @return the library's default policy (SR-1, docs/screening.md).
     */
    public static InterlockPolicy defaults()
    {
        return DEFAULTS;
    }

    /**
     * Reads a tightening file and applies it to the defaults.
     *
     * @param file the tightening file.
     * @return the tightened policy.
     * @throws InvalidConfigurationException if the file is malformed or any rule would loosen the policy.
     */
    public static InterlockPolicy loadTightened(final Path file)
    {
        return defaults().tighten(
            StrictJson.read(file, PolicyDocument.class, "interlock policy").toRules("interlock policy"));
    }

    /**
     * Parses a tightening document into rules (not yet applied).
     *
     * @param json UTF-8 JSON.
     * @return the rules in file order.
     * @throws InvalidConfigurationException naming the field.
     */
    public static List<InterlockRule> parseRules(final byte[] json)
    {
        return StrictJson.read(json, PolicyDocument.class, "interlock policy").toRules("interlock policy");
    }

    /**
     * Parses a tightening document into rules (not yet applied).
     *
     * @param json JSON text.
     * @return the rules in file order.
     */
    public static List<InterlockRule> parseRules(final String json)
    {
        return parseRules(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Applies tightening rules in order, all or nothing.
     *
     * @param rules maker rules.
     * @return the tightened policy (this one is unchanged).
     * @throws InvalidConfigurationException if a rule id is reserved or repeated, or a rule would loosen
     *                                       any cell; the message names the condition, the placement and
     *                                       both rules.
     */
    public InterlockPolicy tighten(final List<InterlockRule> rules)
    {
        final InterlockRule[][] next = copy(table);
        final Set<String> ids = new HashSet<>();
        for (int i = 0; i < rules.size(); i++)
        {
            final String field = "rules[" + i + "]";
            final InterlockRule rule = rules.get(i);
            if (rule == null)
            {
                throw new InvalidConfigurationException(field, field + " is null: a rule object is required");
            }
            if (rule.id().startsWith(RESERVED_ID_PREFIX))
            {
                throw new InvalidConfigurationException(field + ".id", field + ".id = \"" + rule.id() +
                    "\" is reserved: ids starting " + RESERVED_ID_PREFIX + " belong to the library's default rules");
            }
            if (!ids.add(rule.id()))
            {
                throw new InvalidConfigurationException(field + ".id", field + ".id = \"" + rule.id() +
                    "\" is a duplicate: each rule id may appear once");
            }
            apply(next, rule, field);
        }
        return new InterlockPolicy(next);
    }

    /**
     * Applies one tightening rule.
     *
     * @param rule a maker rule.
     * @return the tightened policy.
     * @throws InvalidConfigurationException if it would loosen any cell.
     */
    public InterlockPolicy tighten(final InterlockRule rule)
    {
        return tighten(List.of(rule));
    }

    /**
     * @param condition a condition.
     * @param placement the session's placement.
     * @return the rule that applies (never null).
     */
    public InterlockRule ruleFor(final Condition condition, final Placement placement)
    {
        return table[condition.ordinal()][placement.ordinal()];
    }

    /**
     * @return every distinct rule in the table, by condition then placement; unmodifiable.
     */
    public List<InterlockRule> rules()
    {
        final Set<InterlockRule> rules = new LinkedHashSet<>();
        for (final InterlockRule[] row : table)
        {
            for (final InterlockRule rule : row)
            {
                rules.add(rule);
            }
        }
        return List.copyOf(rules);
    }

    /**
     * The table as Markdown, one row per distinct rule (docs/screening.md quotes the defaults' table, and a
     * maker can print the effective, tightened table for its own documentation).
     *
     * @return a Markdown table: rule, condition, placements, action, rationale.
     */
    public String toMarkdown()
    {
        final StringBuilder sb = new StringBuilder()
            .append("| rule | condition | placements | action | rationale |\n")
            .append("|---|---|---|---|---|\n");
        for (final InterlockRule rule : rules())
        {
            final List<String> placements = new ArrayList<>();
            for (final Placement placement : PLACEMENTS)
            {
                if (ruleFor(rule.condition(), placement) == rule)
                {
                    placements.add(placement.name());
                }
            }
            sb.append("| ").append(rule.id())
                .append(" | ").append(rule.condition())
                .append(" | ").append(placements.size() == PLACEMENTS.length ? "any" : String.join(", ", placements))
                .append(" | ").append(rule.action())
                .append(" | ").append(rule.rationale())
                .append(" |\n");
        }
        return sb.toString();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "InterlockPolicy" + rules();
    }

    private static void apply(final InterlockRule[][] table, final InterlockRule rule, final String field)
    {
        final InterlockRule[] row = table[rule.condition().ordinal()];
        for (final Placement placement : PLACEMENTS)
        {
            if (rule.placement() != null && rule.placement() != placement)
            {
                continue;
            }
            final InterlockRule current = row[placement.ordinal()];
            if (!rule.action().atLeastAsStrictAs(current.action()))
            {
                throw new InvalidConfigurationException(field + ".action", field + ": rule " + rule.id() +
                    " would loosen " + rule.condition() + " at placement " + placement + " from " +
                    current.action() + " (rule " + current.id() + ") to " + rule.action() + " (rule " + rule.id() +
                    "): a maker may tighten the interlock policy, never loosen it");
            }
        }
        for (final Placement placement : PLACEMENTS)
        {
            if (rule.placement() == null || rule.placement() == placement)
            {
                row[placement.ordinal()] = rule;
            }
        }
    }

    private static InterlockRule[][] copy(final InterlockRule[][] table)
    {
        final InterlockRule[][] copy = new InterlockRule[table.length][];
        for (int i = 0; i < table.length; i++)
        {
            copy[i] = table[i].clone();
        }
        return copy;
    }

    private static InterlockPolicy buildDefaults()
    {
        final InterlockRule[][] table = new InterlockRule[CONDITIONS.length][PLACEMENTS.length];
        fill(table, rule("SR-1.R1", Condition.IMPLANTED_ELECTRONIC_DEVICE, InterlockAction.ABSOLUTE_BLOCK,
            "current near an implanted electronic device can disturb or damage it"));
        fill(table, rule("SR-1.R3", Condition.HEART_CONDITION, InterlockAction.BLOCK_UNLESS_OVERRIDDEN,
            "a heart condition needs a clinician's judgement even when the path avoids the chest"));
        final InterlockRule heartAcrossChest = new InterlockRule("SR-1.R2", Condition.HEART_CONDITION, null,
            InterlockAction.ABSOLUTE_BLOCK, "no current path across the chest or head with a heart condition");
        for (final Placement placement : PLACEMENTS)
        {
            if (placement.pathCrossesChestOrHead())
            {
                table[Condition.HEART_CONDITION.ordinal()][placement.ordinal()] = heartAcrossChest;
            }
        }
        fill(table, rule("SR-1.R4", Condition.METAL_IMPLANT_IN_PATH, InterlockAction.BLOCK_UNLESS_OVERRIDDEN,
            "metal in the current path concentrates current and heat"));
        fill(table, rule("SR-1.R5", Condition.EPILEPSY, InterlockAction.BLOCK_UNLESS_OVERRIDDEN,
            "electrical stimulation may provoke a seizure"));
        fill(table, rule("SR-1.R6", Condition.PREGNANCY, InterlockAction.BLOCK_UNLESS_OVERRIDDEN,
            "safety of current during pregnancy is not established"));
        fill(table, rule("SR-1.R7", Condition.IMPAIRED_SENSATION, InterlockAction.BLOCK_UNLESS_OVERRIDDEN,
            "the patient cannot feel and report a burn"));
        fill(table, rule("SR-1.R8", Condition.THROMBOSIS, InterlockAction.BLOCK_UNLESS_OVERRIDDEN,
            "treatment may dislodge a clot"));
        fill(table, rule("SR-1.R9", Condition.YOUNG_CHILD, InterlockAction.BLOCK_UNLESS_OVERRIDDEN,
            "a young child cannot reliably report discomfort"));
        fill(table, rule("SR-1.R10", Condition.DRUG_ALLERGY, InterlockAction.BLOCK_UNLESS_OVERRIDDEN,
            "the session would deliver a drug the patient reacts to"));
        fill(table, rule("SR-1.R11", Condition.PLACEMENT_ACROSS_CHEST_OR_HEAD,
            InterlockAction.BLOCK_UNLESS_OVERRIDDEN,
                "electrodes across the chest or head put current near the heart or brain"));
        fill(table, rule("SR-1.R12", Condition.CUTS_OR_SCRATCHES, InterlockAction.ADVISORY_ACKNOWLEDGE,
            "current concentrates at broken skin: cover cuts and scratches with petroleum jelly"));
        for (final InterlockRule[] row : table)
        {
            for (final InterlockRule rule : row)
            {
                if (rule == null)
                {
                    throw new IllegalStateException("default interlock table has an empty cell");
                }
            }
        }
        return new InterlockPolicy(table);
    }

    private static InterlockRule rule(
        final String id, final Condition condition, final InterlockAction action, final String rationale)
    {
        return new InterlockRule(id, condition, null, action, rationale);
    }

    private static void fill(final InterlockRule[][] table, final InterlockRule rule)
    {
        final InterlockRule[] row = table[rule.condition().ordinal()];
        for (int i = 0; i < row.length; i++)
        {
            row[i] = rule;
        }
    }

    /** The tightening file: {@code {"rules": [...]}}. */
    static final class PolicyDocument
    {
        private final List<RuleEntry> rules;

        @JsonCreator
        PolicyDocument(@JsonProperty("rules") final List<RuleEntry> rules)
        {
            this.rules = rules;
        }

        List<InterlockRule> toRules(final String document)
        {
            if (rules == null)
            {
                throw new InvalidConfigurationException("rules", document +
                    ": field 'rules' is missing: a list of {id, condition, placement?, action, rationale} is required");
            }
            final List<InterlockRule> out = new ArrayList<>(rules.size());
            for (int i = 0; i < rules.size(); i++)
            {
                final String field = "rules[" + i + "]";
                final RuleEntry entry = rules.get(i);
                if (entry == null)
                {
                    throw new InvalidConfigurationException(field, document + ": " + field +
                        " is null: a rule object is required");
                }
                try
                {
                    out.add(new InterlockRule(JsonText.text("id", entry.id), entry.condition, entry.placement,
                        entry.action,
                        JsonText.text("rationale", entry.rationale)));
                }
                catch (final InvalidConfigurationException ex)
                {
                    throw new InvalidConfigurationException(field + "." + ex.field(),
                        document + ": " + field + ": " + ex.getMessage(), ex);
                }
            }
            return out;
        }
    }

    /** One rule in the tightening file. */
    static final class RuleEntry
    {
        private final JsonNode id;
        private final Condition condition;
        private final Placement placement;
        private final InterlockAction action;
        private final JsonNode rationale;

        @JsonCreator
        RuleEntry(
            @JsonProperty("id") final JsonNode id,
            @JsonProperty("condition") final Condition condition,
            @JsonProperty("placement") final Placement placement,
            @JsonProperty("action") final InterlockAction action,
            @JsonProperty("rationale") final JsonNode rationale)
        {
            this.id = id;
            this.condition = condition;
            this.placement = placement;
            this.action = action;
            this.rationale = rationale;
        }
    }
}
