package org.galvani.clinical;

/**
 * Which prescriptions need a verified clinician signature (SR-16). The plan's {@code authorised} flag
 * records the outcome; the controller refuses ARM when it is false. Immutable.
 */
public enum AuthorisationPolicy
{
    /**
     * Default (SR-16): every prescription must carry a signature that verifies against the maker's trusted
     * clinician keys, by the clinician it names as {@code issuedBy}.
     */
    EVERY_PRESCRIPTION,
    /**
     * A maker's explicit choice for devices where the clinician enters the prescription on the device
     * itself: protocols whose authorisation is optional run unsigned; protocols whose authorisation is
     * mandatory (oncology) still never run without a verified signature.
     */
    MANDATORY_PROTOCOLS_ONLY
}
