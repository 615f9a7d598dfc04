package org.galvani.screening;

import java.util.Arrays;
import java.util.regex.Pattern;

import org.galvani.config.InvalidConfigurationException;

/**
 * One row of the interlock policy (SR-1): when {@code condition} is present and the session's placement
 * is {@code placement} (null: any placement), apply {@code action}. The {@code id} (e.g.
 * {@code "SR-1.R3"}) appears in every message and summary the rule causes.
 *
 * <p>Threading: immutable.
 *
 * @param id        rule id, matching {@value #ID_PATTERN_TEXT}; ids starting {@code SR-} are the
 *                  library's defaults.
 * @param condition the condition.
 * @param placement the placement the rule is specific to, or null for every placement.
 * @param action    what the rule does.
 * @param rationale why, in one sentence.
 */
public record InterlockRule(String id, Condition condition, Placement placement, InterlockAction action,
    String rationale)
{
    /** The allowed form of a rule id. */
    public static final String ID_PATTERN_TEXT = "[A-Za-z0-9][A-Za-z0-9._-]{0,31}";

    private static final Pattern ID_PATTERN = Pattern.compile(ID_PATTERN_TEXT);

    /**
     * Validates every component.
     *
     * @throws InvalidConfigurationException naming the field.
     */
    public InterlockRule
    {
        if (id == null || !ID_PATTERN.matcher(id).matches())
        {
            throw new InvalidConfigurationException("id", "id = " + (id == null ? "(missing)" : "\"" + id + "\"") +
                " is not a valid rule id: allowed " + ID_PATTERN_TEXT);
        }
        if (condition == null)
        {
            throw new InvalidConfigurationException("condition", "rule " + id + ": condition is missing");
        }
        if (action == null)
        {
            throw new InvalidConfigurationException("action", "rule " + id + ": action is missing: allowed " +
                Arrays.toString(InterlockAction.values()));
        }
        if (rationale == null || rationale.isBlank())
        {
            throw new InvalidConfigurationException("rationale", "rule " + id +
                ": rationale is missing or blank: say in one sentence why the rule exists");
        }
    }

    /**
     * @return e.g. {@code "SR-1.R3 (BLOCK_UNLESS_OVERRIDDEN)"}.
     */
    public String label()
    {
        return id + " (" + action + ")";
    }
}
