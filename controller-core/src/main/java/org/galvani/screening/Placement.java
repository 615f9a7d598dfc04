package org.galvani.screening;

/**
 * Where the electrodes are and so which way the current flows through the body (SR-1). Two separate
 * facts matter:
 * <ul>
 *   <li>{@link #pathCrossesChest()} / {@link #pathCrossesHead()}: the current path passes through the
 *   thorax (near the heart) or the head. With a heart condition that is an absolute block.</li>
 *   <li>{@link #electrodesOnChestOrHead()}: the electrodes themselves are placed across the chest or the
 *   head. That placement is a contraindication on its own (the derived condition
 *   {@link Condition#PLACEMENT_ACROSS_CHEST_OR_HEAD}).</li>
 * </ul>
 *
 * <p><b>Conservative choices.</b> Hand-to-hand current through two tap-water trays crosses the chest only
 * when the hands are in different trays; the controller cannot see where the hands are, so {@link #HANDS}
 * always counts as crossing the chest, and so do {@link #HAND_AND_FOOT} and {@link #AXILLAE}. Only
 * placements whose two electrodes are on one limb, on both feet, or close together on the lower trunk do
 * not. A device whose single tray holds both electrodes under one hand uses {@link #LIMB_LOCAL}.
 *
 * <p>Threading: immutable.
 */
public enum Placement
{
    /** Tap-water trays, one hand in each tray (one electrode per tray): hand, arm, chest, arm, hand. */
    HANDS("both hands in tap-water trays, one electrode per tray: path hand-arm-chest-arm-hand", true, false, false),
    /** Tap-water trays, one foot in each tray: foot, leg, pelvis, leg, foot. */
    FEET("both feet in tap-water trays, one electrode per tray: path foot-leg-pelvis-leg-foot", false, false, false),
    /** One hand and one foot in trays (some devices treat both at once): arm, trunk, leg. */
    HAND_AND_FOOT("one hand and one foot in trays: path arm-trunk-leg", true, false, false),
    /** Wet pads in both armpits: the path runs through the thorax. */
    AXILLAE("wet pads in both armpits: path through the thorax", true, false, false),
    /** Both electrodes on the same limb (sports injury site, or both electrodes under one hand or foot). */
    LIMB_LOCAL("both electrodes on the same limb (injury site, or one hand or foot over a split tray)",
        false, false, false),
    /** Both electrodes close together on the lower back or abdomen, below the rib cage. */
    TRUNK_LOCAL("both electrodes close together on the lower back or abdomen, below the rib cage",
        false, false, false),
    /** Electrodes across the chest (front to back, or left to right of the thorax). */
    ACROSS_CHEST("electrodes across the chest (front-back or left-right of the thorax)", true, false, true),
    /** Electrodes across the head, face or neck. */
    ACROSS_HEAD("electrodes across the head, face or neck", false, true, true);

    private final String description;
    private final boolean pathCrossesChest;
    private final boolean pathCrossesHead;
    private final boolean electrodesOnChestOrHead;

    Placement(
        final String description,
        final boolean pathCrossesChest,
        final boolean pathCrossesHead,
        final boolean electrodesOnChestOrHead)
    {
        this.description = description;
        this.pathCrossesChest = pathCrossesChest;
        this.pathCrossesHead = pathCrossesHead;
        this.electrodesOnChestOrHead = electrodesOnChestOrHead;
    }

    /**
     * @return clinician-readable description with the current path.
     */
    public String description()
    {
        return description;
    }

    /**
     * @return whether the current path passes through the thorax.
     */
    public boolean pathCrossesChest()
    {
        return pathCrossesChest;
    }

    /**
     * @return whether the current path passes through the head.
     */
    public boolean pathCrossesHead()
    {
        return pathCrossesHead;
    }

    /**
     * @return whether the path crosses the chest or the head.
     */
    public boolean pathCrossesChestOrHead()
    {
        return pathCrossesChest || pathCrossesHead;
    }

    /**
     * @return whether the electrodes themselves are placed across the chest or head (a contraindication
     *         on its own: {@link Condition#PLACEMENT_ACROSS_CHEST_OR_HEAD}).
     */
    public boolean electrodesOnChestOrHead()
    {
        return electrodesOnChestOrHead;
    }
}
