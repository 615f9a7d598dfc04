package org.galvani.setup;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.galvani.authority.Ed25519Authoriser;
import org.galvani.authority.TrustedClinicianKeys;
import org.galvani.clinical.AuthorisationPolicy;
import org.galvani.clinical.DeviceLimits;
import org.galvani.clinical.DrugCatalogue;
import org.galvani.clinical.PrescriptionFile;
import org.galvani.clinical.PrescriptionValidator;
import org.galvani.clinical.ProtocolCatalogue;
import org.galvani.clinical.SignedPrescription;
import org.galvani.config.InvalidConfigurationException;
import org.galvani.screening.InterlockPolicy;
import org.galvani.screening.Screening;
import org.galvani.screening.ScreeningEvaluator;
import org.galvani.screening.ScreeningResult;
import org.galvani.screening.ScreeningSession;
import org.galvani.screening.SkinHistory;
import org.galvani.screening.SkinReview;
import org.galvani.session.SessionPlan;

/**
 * Everything a treatment session needs from files, read and validated in one step before anything
 * starts (no half-configured session): the maker's device limits, protocol tightening and interlock
 * policy, the trusted clinician keys, the patient's screening (SR-1, evaluated and frozen) and the signed
 * prescription (SR-16, verified and validated against the protocol and the device limits).
 *
 * <p>A blocked screening or an unauthorised prescription is not an error here: it is a result the
 * controller refuses (and journals) when the operator tries to go on. Overrides count only for this session:
 * bound to the prescription's id and not expired at the given session start (SR-19). Malformed or out-of-range files are
 * errors: {@link InvalidConfigurationException} naming the file, the field and the allowed range.
 *
 * <p>Threading: immutable once built; built on a set-up thread, never on the control thread.
 *
 * @param deviceLimits the maker's device limits.
 * @param screening    the evaluated, frozen screening.
 * @param prescription the prescription with its authorisation result.
 * @param plan         the validated session plan the controller arms.
 */
public record TreatmentFiles(
    DeviceLimits deviceLimits, ScreeningResult screening, SignedPrescription prescription, SessionPlan plan)
{
    /**
     * Reads and validates every file.
     *
     * @param deviceLimitsFile the maker's device limits, or null for {@link DeviceLimits#defaults()}.
     * @param protocolsFile    the maker's protocol tightening, or null for the built-in catalogue.
     * @param policyFile       the maker's interlock policy tightening, or null for the default policy.
     * @param trustedKeysFile  the maker's trusted clinician public keys.
     * @param screeningFile    the patient's screening.
     * @param prescriptionFile the signed prescription.
     * @param sessionStart     when the session starts: an override expired by then does not count (SR-19); the
     *                         caller reads its clock once and journals the value.
     * @return the validated set.
     * @throws InvalidConfigurationException naming the first file and field that is wrong, or when the
     *                                       screening and the prescription name different patients.
     */
    public static TreatmentFiles load(
        final Path deviceLimitsFile,
        final Path protocolsFile,
        final Path policyFile,
        final Path trustedKeysFile,
        final Path screeningFile,
        final Path prescriptionFile,
        final Instant sessionStart)
    {
        return load(deviceLimitsFile, protocolsFile, null, policyFile, trustedKeysFile, screeningFile, prescriptionFile,
            sessionStart);
    }

    /**
     * Reads and validates every file, with the maker's drug file (SR-21).
     *
     * @param deviceLimitsFile the maker's device limits, or null for {@link DeviceLimits#defaults()}.
     * @param protocolsFile    the maker's protocol tightening, or null for the built-in catalogue.
     * @param drugsFile        the maker's drug file (extends or tightens the catalogue), or null for the built-in one.
     * @param policyFile       the maker's interlock policy tightening, or null for the default policy.
     * @param trustedKeysFile  the maker's trusted clinician public keys.
     * @param screeningFile    the patient's screening.
     * @param prescriptionFile the signed prescription.
     * @param sessionStart     when the session starts: an override expired by then does not count (SR-19).
     * @return the validated set.
     */
    public static TreatmentFiles load(
        final Path deviceLimitsFile,
        final Path protocolsFile,
        final Path drugsFile,
        final Path policyFile,
        final Path trustedKeysFile,
        final Path screeningFile,
        final Path prescriptionFile,
        final Instant sessionStart)
    {
        return load(deviceLimitsFile, protocolsFile, drugsFile, policyFile, trustedKeysFile, screeningFile,
            prescriptionFile, sessionStart, SkinHistory.NONE, List.of());
    }

    /**
     * Reads and validates every file, with the patient's skin history and the clinicians' skin reviews (SR-22): an
     * unreviewed blister or burn at this placement in the patient's last session makes the screening not armable.
     *
     * @param deviceLimitsFile the maker's device limits, or null for {@link DeviceLimits#defaults()}.
     * @param protocolsFile    the maker's protocol tightening, or null for the built-in catalogue.
     * @param drugsFile        the maker's drug file, or null for the built-in one.
     * @param policyFile       the maker's interlock policy tightening, or null for the default policy.
     * @param trustedKeysFile  the maker's trusted clinician public keys.
     * @param screeningFile    the patient's screening.
     * @param prescriptionFile the signed prescription.
     * @param sessionStart     when the session starts: an override expired by then does not count (SR-19).
     * @param skinHistory      the patient's skin history ({@link SkinHistory#NONE} for none).
     * @param skinReviewFiles  the clinicians' signed skin reviews (may be empty).
     * @return the validated set.
     */
    public static TreatmentFiles load(
        final Path deviceLimitsFile,
        final Path protocolsFile,
        final Path drugsFile,
        final Path policyFile,
        final Path trustedKeysFile,
        final Path screeningFile,
        final Path prescriptionFile,
        final Instant sessionStart,
        final SkinHistory skinHistory,
        final List<Path> skinReviewFiles)
    {
        final DeviceLimits limits = deviceLimitsFile == null ? DeviceLimits.defaults() : DeviceLimits.read(deviceLimitsFile);
        final ProtocolCatalogue catalogue = protocolsFile == null ? ProtocolCatalogue.builtIn() :
            ProtocolCatalogue.builtIn().tighten(protocolsFile, limits);
        final DrugCatalogue drugs = drugsFile == null ? DrugCatalogue.builtIn() :
            DrugCatalogue.builtIn().apply(drugsFile, limits);
        final InterlockPolicy policy = policyFile == null ? InterlockPolicy.defaults() :
            InterlockPolicy.loadTightened(policyFile);
        final Ed25519Authoriser authoriser = new Ed25519Authoriser(TrustedClinicianKeys.load(trustedKeysFile));
        final Screening screening = Screening.load(screeningFile);
        final SignedPrescription prescription = PrescriptionFile.read(prescriptionFile, authoriser);
        if (!screening.patientId().equals(prescription.prescription().patientId()))
        {
            throw new InvalidConfigurationException("prescription.patientId", "the prescription is for patient '" +
                prescription.prescription().patientId() + "' but the screening is of patient '" +
                screening.patientId() + "': a prescription is armed only after the same patient's screening");
        }
        final List<SkinReview> reviews = new ArrayList<>();
        for (final Path file : skinReviewFiles)
        {
            reviews.add(SkinReview.load(file));
        }
        final ScreeningResult result = ScreeningEvaluator.evaluate(screening, policy, authoriser,
            new ScreeningSession(prescription.prescription().prescriptionId(), sessionStart), skinHistory, reviews);
        final SessionPlan plan = new PrescriptionValidator(limits, catalogue, AuthorisationPolicy.EVERY_PRESCRIPTION,
            drugs).validate(prescription);
        return new TreatmentFiles(limits, result, prescription, plan);
    }
}
