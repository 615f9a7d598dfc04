package org.galvani.screening;

/**
 * Where on the body a metal implant sits (SR-19): coarse regions a clinician can tell from the patient's
 * history without imaging, and that {@link CurrentPath} relates to each {@link Placement}'s current path.
 * Left and right are not told apart: the controller cannot see which hand, foot or limb is treated, so
 * every relation holds for both sides (conservative).
 *
 * <p>Threading: immutable.
 */
public enum BodySite
{
    /** Skull, face, jaw, cervical spine. */
    HEAD_NECK("skull, face, jaw or cervical spine"),
    /** Shoulder joint, clavicle, scapula. */
    SHOULDER("shoulder joint, clavicle or scapula"),
    /** Thorax: sternum wires, rib plates, thoracic spine. */
    CHEST("thorax: sternum wires, rib plates, thoracic spine"),
    /** Upper arm, elbow, forearm, wrist. */
    ARM("upper arm, elbow, forearm or wrist"),
    /** Hand and fingers. */
    HAND("hand or fingers"),
    /** Abdomen, lower back, lumbar spine. */
    ABDOMEN("abdomen, lower back or lumbar spine"),
    /** Pelvis, sacrum, a metal IUD. */
    PELVIS("pelvis or sacrum, or a metal IUD"),
    /** Hip joint, proximal femur. */
    HIP("hip joint or proximal femur"),
    /** Thigh, knee, lower leg, ankle. */
    LEG("thigh, knee, lower leg or ankle"),
    /** Foot and toes. */
    FOOT("foot or toes");

    private final String description;

    BodySite(final String description)
    {
        this.description = description;
    }

    /**
     * @return clinician-readable description of the region.
     */
    public String description()
    {
        return description;
    }
}
