package io.pacslite.dicom.deid;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Sequence;
import io.pacslite.dicom.data.Tags;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.DicomWriter;
import java.util.Arrays;
import java.util.Set;

/**
 * The Basic Application Level Confidentiality Profile (PS3.15 E.2) and the options of
 * {@link Option} (E.3), applied to one instance after another of one export.
 *
 * <p>Every element named in PS3.15 Table E.1-1 gets the action its row gives
 * ({@link ProfileEntry#action}), at the top level and inside every sequence item; elements the
 * table does not name are kept. Private elements are removed unless their Private Creator is
 * on the safe list (E.3.10). UIDs are replaced consistently for the life of this object
 * ({@link UidReplacement}), so references between the instances of one export still hold.
 * Then the new Patient's Name and ID are set, and the instance says what was done to it:
 * Patient Identity Removed (0012,0062) YES, De-identification Method (0012,0063) and its Code
 * Sequence (0012,0064) with the CID 7050 codes, Longitudinal Temporal Information Modified
 * (0028,0303). Pixel data is not looked at (the Clean Pixel Data Option, E.3.1, is not
 * offered): an image that may carry burned-in text is flagged in the result instead.
 *
 * <p>Thread-safe if its callers give it separate data sets.
 */
public final class Deidentifier {

    /** Modalities whose images commonly have text burned in (ultrasound, angiography, endoscopy, photographs...). */
    private static final Set<String> BURNS_IN = Set.of("US", "XA", "RF", "ES", "SM", "XC", "OT");
    /** Secondary Capture Image Storage and its multi-frame kinds (PS3.4 B.5): screenshots, scans of paper. */
    private static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";

    private final ProfileTable table = ProfileTable.standard();
    private final DeidentificationSettings settings;
    private final Pseudonyms pseudonyms;
    private final UidReplacement uids = new UidReplacement();

    /** A de-identifier for one export; {@code pseudonyms} names patients the caller did not name. */
    public Deidentifier(DeidentificationSettings settings, Pseudonyms pseudonyms) {
        this.settings = settings;
        this.pseudonyms = pseudonyms;
    }

    /** The UIDs replaced so far, original to new. */
    public UidReplacement uids() {
        return uids;
    }

    /**
     * De-identifies {@code file}'s data set, changing it in place, and gives the file to write:
     * with new File Meta Information (PS3.10 7.1) naming the new SOP Instance UID and no
     * preamble (it may hold anything, PS3.10 7.1).
     *
     * @throws IllegalArgumentException if the data set has no SOP Class or SOP Instance UID
     */
    public Deidentified deidentify(DicomFile file) {
        Attributes dataset = file.dataset();
        String sopClass = dataset.getString(Tag.SOPClassUID);
        if (sopClass == null || dataset.getString(Tag.SOPInstanceUID) == null) {
            throw new IllegalArgumentException("the data set has no SOP Class UID or SOP Instance UID");
        }
        String patientId = dataset.getString(Tag.PatientID);
        String issuer = dataset.getString(Tag.IssuerOfPatientID);
        boolean burnedIn = mayShowBurnedInText(dataset, sopClass);
        walk(dataset, pseudonyms.dateShift(patientId, issuer));
        dataset.setString(Tag.PatientName, VR.PN, settings.patientName() != null ? settings.patientName()
                : pseudonyms.patientName(patientId, issuer));
        dataset.setString(Tag.PatientID, VR.LO, settings.patientId() != null ? settings.patientId()
                : pseudonyms.patientId(patientId, issuer));
        DeidentificationMarks.add(dataset, settings.options());
        if (burnedIn && !dataset.contains(Tag.BurnedInAnnotation)) {
            dataset.setString(Tag.BurnedInAnnotation, VR.CS, "YES");
        }
        Attributes fileMeta = DicomWriter.createFileMeta(sopClass, dataset.getString(Tag.SOPInstanceUID),
                file.transferSyntax().uid());
        return new Deidentified(new DicomFile(null, fileMeta, file.transferSyntax(), dataset), burnedIn);
    }

    /** Applies the profile to every element of {@code dataset}, last to first so that removals leave the rest in place. */
    private void walk(Attributes dataset, DateShift shift) {
        for (int i = dataset.size() - 1; i >= 0; i--) {
            int tag = dataset.tagAt(i);
            Object value = dataset.valueAt(i);
            if (Tags.isPrivate(tag)) {
                if (isSafePrivate(dataset, tag)) {
                    descend(value, shift);
                } else {
                    dataset.remove(tag);
                }
                continue;
            }
            ProfileEntry entry = table.entry(tag);
            Action action = entry == null ? Action.KEEP : entry.action(settings.options(), hasValue(value));
            apply(dataset, tag, dataset.vrAt(i), value, entry, action, shift);
        }
    }

    private void apply(Attributes dataset, int tag, VR vr, Object value, ProfileEntry entry, Action action,
            DateShift shift) {
        switch (action) {
            case REMOVE -> dataset.remove(tag);
            case ZERO -> DummyValues.putEmpty(dataset, tag, vr);
            case DUMMY -> {
                if (vr == VR.UI) {
                    replaceUids(dataset, tag, value);
                } else {
                    DummyValues.putDummy(dataset, tag, vr);
                }
            }
            case KEEP -> descend(value, shift);
            case CLEAN -> clean(dataset, tag, vr, value, entry, shift);
            case REPLACE_UID -> replaceUids(dataset, tag, value);
        }
    }

    /**
     * The C action of the options offered: under Modified Dates a date (DA, DT) moves by the
     * patient's offset and a time (TM) stays, the offset being whole days; a sequence keeps its
     * items, de-identified in turn; any other value, the free text of a descriptor above all
     * (Clean Descriptors, E.3.5), is removed: the element stays, empty, or with the dummy value
     * where the Basic Profile asks for a value (D).
     */
    private void clean(Attributes dataset, int tag, VR vr, Object value, ProfileEntry entry, DateShift shift) {
        boolean modifiedDates = settings.options().contains(Option.RETAIN_MODIFIED_DATES);
        if (modifiedDates && (vr == VR.DA || vr == VR.DT)) {
            shiftDates(dataset, tag, vr, shift);
        } else if (vr == VR.SQ || modifiedDates && vr == VR.TM) {
            descend(value, shift);
        } else if (entry.needsValue() && hasValue(value)) {
            DummyValues.putDummy(dataset, tag, vr);
        } else {
            DummyValues.putEmpty(dataset, tag, vr);
        }
    }

    private static void shiftDates(Attributes dataset, int tag, VR vr, DateShift shift) {
        String[] values = dataset.getStrings(tag);
        String[] shifted = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            shifted[i] = vr == VR.DA ? shift.shiftDate(values[i]) : shift.shiftDateTime(values[i]);
            if (shifted[i] == null) {
                DummyValues.putEmpty(dataset, tag, vr);
                return;
            }
        }
        if (shifted.length > 0) {
            dataset.setString(tag, vr, shifted);
        }
    }

    private void replaceUids(Attributes dataset, int tag, Object value) {
        if (!(value instanceof byte[] bytes) || bytes.length == 0) {
            DummyValues.putEmpty(dataset, tag, VR.UI);
            return;
        }
        String[] replaced = Arrays.stream(dataset.decodeStrings(bytes, VR.UI))
                .map(uid -> uid.isEmpty() ? uid : uids.replace(uid))
                .toArray(String[]::new);
        dataset.setString(tag, VR.UI, replaced);
    }

    private void descend(Object value, DateShift shift) {
        if (value instanceof Sequence sequence) {
            for (Attributes item : sequence) {
                walk(item, shift);
            }
        }
    }

    /** Whether private element {@code tag} (or Private Creator) belongs to a block of a safe-listed creator. */
    private boolean isSafePrivate(Attributes dataset, int tag) {
        String creator = Tags.isPrivateCreator(tag) ? dataset.getString(tag) : dataset.privateCreatorOf(tag);
        return creator != null && settings.safePrivateCreators().contains(creator);
    }

    private static boolean hasValue(Object value) {
        return value instanceof Sequence sequence ? !sequence.isEmpty() : !(value instanceof byte[] bytes && bytes.length == 0);
    }

    /**
     * Whether an image may show identifying text in its pixels: Burned In Annotation (0028,0301)
     * says YES, or it is missing and the image is a secondary capture or of a modality that
     * commonly burns text in.
     */
    private static boolean mayShowBurnedInText(Attributes dataset, String sopClass) {
        if (!dataset.contains(Tags.PIXEL_DATA)) {
            return false;
        }
        String stated = dataset.getString(Tag.BurnedInAnnotation);
        if (stated != null) {
            return stated.equalsIgnoreCase("YES");
        }
        return sopClass.startsWith(SECONDARY_CAPTURE) || BURNS_IN.contains(dataset.getString(Tag.Modality, ""));
    }
}
