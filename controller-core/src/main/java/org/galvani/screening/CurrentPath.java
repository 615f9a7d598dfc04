package org.galvani.screening;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which body sites lie in or near the current path of each {@link Placement} (SR-19): a metal implant at
 * such a site concentrates current and heat, so it makes {@link Condition#METAL_IMPLANT_IN_PATH} present;
 * an implant anywhere else does not block. The relation, with its reasoning (docs/screening.md, "Metal
 * implants and the current path"):
 * <ul>
 *   <li>{@link Placement#HANDS}: hand, arm, shoulder, chest — hand-arm-chest-arm-hand.</li>
 *   <li>{@link Placement#FEET}: foot, leg, hip, pelvis, and the abdomen near it — foot-leg-pelvis-leg-foot;
 *   the controller cannot see how far up the trunk the current spreads, and a lumbar fusion sits beside the
 *   sacrum.</li>
 *   <li>{@link Placement#HAND_AND_FOOT}: every site but the head and neck — arm-trunk-leg crosses the whole
 *   trunk.</li>
 *   <li>{@link Placement#AXILLAE}: shoulder, chest, arm — armpit to armpit through the thorax, the pads
 *   against the upper arms.</li>
 *   <li>{@link Placement#LIMB_LOCAL}: hand, arm, shoulder, foot, leg, hip — the controller knows neither which
 *   limb nor which segment, and an electrode on a limb may sit at its root joint.</li>
 *   <li>{@link Placement#TRUNK_LOCAL}: abdomen, pelvis, hip, chest — electrodes on the lower back or abdomen
 *   lie next to the pelvis and hips below and the lower ribs above.</li>
 *   <li>{@link Placement#ACROSS_CHEST}: chest, shoulder, abdomen — through the thorax, next to the shoulder
 *   girdle and the upper abdomen.</li>
 *   <li>{@link Placement#ACROSS_HEAD}: head and neck, shoulder — electrodes on the head, face or neck, the
 *   neck next to the clavicles.</li>
 * </ul>
 * A maker who disagrees tightens by policy (SR-1.R4 as an absolute block) or by having clinicians list
 * {@link Condition#METAL_IMPLANT_IN_PATH} themselves; an implant the clinician cannot place is listed as
 * that condition (it is always judged in the path).
 *
 * <p>Threading: immutable, thread-safe.
 */
public final class CurrentPath
{
    private static final Map<Placement, Set<BodySite>> PATHS = new EnumMap<>(Placement.class);

    static
    {
        PATHS.put(Placement.HANDS, EnumSet.of(BodySite.HAND, BodySite.ARM, BodySite.SHOULDER, BodySite.CHEST));
        PATHS.put(Placement.FEET, EnumSet.of(BodySite.FOOT, BodySite.LEG, BodySite.HIP, BodySite.PELVIS,
            BodySite.ABDOMEN));
        PATHS.put(Placement.HAND_AND_FOOT, EnumSet.complementOf(EnumSet.of(BodySite.HEAD_NECK)));
        PATHS.put(Placement.AXILLAE, EnumSet.of(BodySite.SHOULDER, BodySite.CHEST, BodySite.ARM));
        PATHS.put(Placement.LIMB_LOCAL, EnumSet.of(BodySite.HAND, BodySite.ARM, BodySite.SHOULDER, BodySite.FOOT,
            BodySite.LEG, BodySite.HIP));
        PATHS.put(Placement.TRUNK_LOCAL, EnumSet.of(BodySite.ABDOMEN, BodySite.PELVIS, BodySite.HIP, BodySite.CHEST));
        PATHS.put(Placement.ACROSS_CHEST, EnumSet.of(BodySite.CHEST, BodySite.SHOULDER, BodySite.ABDOMEN));
        PATHS.put(Placement.ACROSS_HEAD, EnumSet.of(BodySite.HEAD_NECK, BodySite.SHOULDER));
        for (final Placement placement : Placement.values())
        {
            PATHS.put(placement, Collections.unmodifiableSet(PATHS.get(placement)));
        }
    }

    private CurrentPath()
    {
    }

    /**
     * @param placement a placement.
     * @return the sites in or near its current path; unmodifiable, in enum order.
     */
    public static Set<BodySite> sites(final Placement placement)
    {
        return PATHS.get(placement);
    }

    /**
     * @param site      where an implant is.
     * @param placement the session's placement.
     * @return whether the site lies in or near the placement's current path.
     */
    public static boolean inPath(final BodySite site, final Placement placement)
    {
        return PATHS.get(placement).contains(site);
    }
}
