package io.pacslite.dicom.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Sequence;
import io.pacslite.dicom.data.UIDs;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.ElementDictionary;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.DicomWriter;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.testing.ProfileRow;
import io.pacslite.testing.SyntheticInstances;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Basic Profile and its options against the table resource, read by the test itself
 * ({@link ProfileRow}): what is removed, emptied, replaced, kept; UIDs consistent across
 * instances and references; private elements; what the result says of itself.
 */
class DeidentifierTest {

    private static final byte[] KEY = "a test key of 32 bytes, no more.".getBytes();
    private static final Pattern NEW_UID = Pattern.compile("2\\.25\\.[1-9]\\d*");

    @Test
    void appliesEveryRowOfTheBasicProfile() {
        Attributes original = ProfileRow.everyAttribute();
        Attributes result = deidentify(ProfileRow.everyAttribute(), DeidentificationSettings.BASIC);

        List<String> wrong = new ArrayList<>();
        for (ProfileRow row : ProfileRow.all()) {
            if (!row.inDataSet() || row.tag() == Tag.PatientName || row.tag() == Tag.PatientID) {
                continue;
            }
            VR vr = ElementDictionary.vrOf(row.tag());
            String problem = switch (row.basic()) {
                case "X" -> result.contains(row.tag()) ? "still there" : null;
                case "Z", "X/Z" -> isEmpty(result, row.tag()) ? null : "not empty";
                case "D", "X/D", "Z/D", "X/Z/D" -> vr == VR.SQ ? (isEmpty(result, row.tag()) ? null : "items left")
                        : vr == VR.UI ? replacedUid(original, result, row.tag()) : validDummy(result, row.tag(), vr);
                case "U" -> replacedUid(original, result, row.tag());
                case "K", "X/Z/U*" -> result.getSequence(row.tag()) != null
                        && result.getSequence(row.tag()).get(0).getString(Tag.PatientName) == null ? null
                        : "not kept with its items de-identified";
                default -> "unexpected code " + row.basic();
            };
            if (problem != null) {
                wrong.add(ElementDictionary.keywordOf(row.tag()) + " (" + row.basic() + "): " + problem);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Option.class)
    void keepsWhatAnOptionRetainsAndCleansWhatItCleans(Option option) {
        Attributes original = ProfileRow.everyAttribute();
        Attributes result = deidentify(ProfileRow.everyAttribute(),
                new DeidentificationSettings(Set.of(option), null, null, Set.of()));

        int checked = 0;
        for (ProfileRow row : ProfileRow.all()) {
            VR vr = ElementDictionary.vrOf(row.tag());
            String action = row.column(option.column());
            if (!row.inDataSet() || vr == VR.SQ || action.equals("-")) {
                continue;
            }
            String keyword = ElementDictionary.keywordOf(row.tag());
            if (action.equals("K")) {
                assertThat(result.getValue(row.tag())).as(keyword).isEqualTo(original.getValue(row.tag()));
            } else if (option == Option.CLEAN_DESCRIPTORS) {
                assertThat(result.contains(row.tag())).as(keyword).isTrue();
                assertThat(result.getString(row.tag(), "")).as(keyword).doesNotContain("Jane", "1970");
            } else if (option == Option.RETAIN_MODIFIED_DATES && vr == VR.DA) {
                assertThat(result.getString(row.tag())).as(keyword).matches("\\d{8}").isNotEqualTo("20240131");
            } else if (option == Option.RETAIN_MODIFIED_DATES && vr == VR.TM) {
                assertThat(result.getString(row.tag())).as(keyword).isEqualTo("101500");
            } else if (!option.cleans()) {
                assertThat(result.contains(row.tag())).as(keyword + ", as the Basic Profile has it")
                        .isEqualTo(!row.basic().equals("X"));
                assertThat(result.getString(row.tag(), "")).as(keyword).doesNotContain("Jane");
            } else {
                continue;
            }
            checked++;
        }
        assertThat(checked).isPositive();
    }

    @Test
    void modifiedDatesMoveByOneOffsetPerPatientAndKeepTimes() {
        DeidentificationSettings settings = new DeidentificationSettings(Set.of(Option.RETAIN_MODIFIED_DATES), null,
                null, Set.of());
        Attributes first = deidentify(instance("1", "1"), settings);
        Attributes second = new Deidentifier(settings, new Pseudonyms(KEY)).deidentify(file(instance("1", "2")))
                .file().dataset();

        String shifted = first.getString(Tag.StudyDate);
        assertThat(shifted).matches("\\d{8}").isNotEqualTo("20240131").isEqualTo(second.getString(Tag.StudyDate));
        assertThat(first.getString(Tag.StudyTime)).isEqualTo("101500");
        assertThat(first.getString(Tag.AcquisitionDateTime)).startsWith(shifted).endsWith("101600");
        assertThat(first.getString(Tag.LongitudinalTemporalInformationModified)).isEqualTo("MODIFIED");
    }

    @Test
    void replacesUidsConsistentlyAcrossInstancesReferencesAndFileMeta() {
        Deidentifier deidentifier = new Deidentifier(DeidentificationSettings.BASIC, new Pseudonyms(KEY));
        Attributes first = instance("1", "1");
        Attributes second = instance("1", "2");
        Attributes reference = new Attributes();
        reference.setString(Tag.ReferencedSOPClassUID, VR.UI, UID.CTImageStorage);
        reference.setString(Tag.ReferencedSOPInstanceUID, VR.UI, first.getString(Tag.SOPInstanceUID));
        Sequence references = new Sequence();
        references.add(reference);
        second.set(Tag.ReferencedImageSequence, VR.SQ, references);

        Deidentified a = deidentifier.deidentify(file(first));
        Deidentified b = deidentifier.deidentify(file(second));

        Attributes x = a.file().dataset();
        Attributes y = b.file().dataset();
        assertThat(x.getString(Tag.StudyInstanceUID)).matches(NEW_UID).isEqualTo(y.getString(Tag.StudyInstanceUID))
                .isNotEqualTo(SyntheticInstances.uid("1"));
        assertThat(x.getString(Tag.SeriesInstanceUID)).matches(NEW_UID).isEqualTo(y.getString(Tag.SeriesInstanceUID));
        assertThat(x.getString(Tag.SOPInstanceUID)).matches(NEW_UID).isNotEqualTo(y.getString(Tag.SOPInstanceUID))
                .isEqualTo(a.file().fileMeta().getString(Tag.MediaStorageSOPInstanceUID));
        assertThat(UIDs.isValid(x.getString(Tag.SOPInstanceUID))).isTrue();
        Attributes item = y.getSequence(Tag.ReferencedImageSequence).get(0);
        assertThat(item.getString(Tag.ReferencedSOPInstanceUID)).isEqualTo(x.getString(Tag.SOPInstanceUID));
        assertThat(item.getString(Tag.ReferencedSOPClassUID)).isEqualTo(UID.CTImageStorage);
        assertThat(x.getString(Tag.SOPClassUID)).isEqualTo(UID.CTImageStorage);
        assertThat(deidentifier.uids().replacementOf(SyntheticInstances.uid("1")))
                .isEqualTo(x.getString(Tag.StudyInstanceUID));
    }

    @Test
    void removesPrivateElementsUnlessTheirCreatorIsSafeListed() {
        Attributes removed = deidentify(withPrivateBlocks(), DeidentificationSettings.BASIC);
        Attributes kept = deidentify(withPrivateBlocks(),
                new DeidentificationSettings(Set.of(), null, null, Set.of("SAFE VENDOR")));

        assertThat(removed.contains(0x00090010)).isFalse();
        assertThat(removed.contains(0x00091001)).isFalse();
        assertThat(removed.contains(0x00110010)).isFalse();
        assertThat(removed.contains(0x00111001)).isFalse();
        assertThat(kept.getString(0x00090010)).isEqualTo("SAFE VENDOR");
        assertThat(kept.getString(0x00091001)).isEqualTo("kVp table 3");
        assertThat(kept.contains(0x00110010)).isFalse();
        assertThat(kept.contains(0x00111001)).isFalse();
    }

    @Test
    void namesThePatientAsAskedOrByAConsistentPseudonym() {
        Attributes named = deidentify(instance("1", "1"),
                new DeidentificationSettings(Set.of(), "Research^Subject 7", "SUBJ-007", Set.of()));
        Attributes pseudonym = deidentify(instance("1", "1"), DeidentificationSettings.BASIC);
        Attributes again = deidentify(instance("1", "2"), DeidentificationSettings.BASIC);
        Attributes otherPatient = deidentify(instance("2", "1"), DeidentificationSettings.BASIC);
        Attributes otherKey = new Deidentifier(DeidentificationSettings.BASIC,
                new Pseudonyms("another key of 32 bytes, no more".getBytes())).deidentify(file(instance("1", "1")))
                .file().dataset();

        assertThat(named.getString(Tag.PatientName)).isEqualTo("Research^Subject 7");
        assertThat(named.getString(Tag.PatientID)).isEqualTo("SUBJ-007");
        assertThat(pseudonym.getString(Tag.PatientID)).matches("ANON[0-9A-F]{12}")
                .isEqualTo(again.getString(Tag.PatientID)).isNotEqualTo(otherKey.getString(Tag.PatientID))
                .isNotEqualTo(otherPatient.getString(Tag.PatientID));
        assertThat(pseudonym.getString(Tag.PatientName)).isEqualTo("ANONYMOUS^" + pseudonym.getString(Tag.PatientID));
        assertThat(pseudonym.contains(Tag.PatientBirthDate) && !pseudonym.getString(Tag.PatientBirthDate, "").isEmpty())
                .isFalse();
    }

    @Test
    void saysWhatWasDoneWithTheCodesOfCid7050() {
        Attributes result = deidentify(instance("1", "1"), new DeidentificationSettings(
                Set.of(Option.CLEAN_DESCRIPTORS, Option.RETAIN_FULL_DATES), null, null, Set.of()));

        assertThat(result.getString(Tag.PatientIdentityRemoved)).isEqualTo("YES");
        assertThat(result.getSequence(Tag.DeidentificationMethodCodeSequence))
                .extracting(item -> item.getString(Tag.CodeValue) + " " + item.getString(Tag.CodingSchemeDesignator))
                .containsExactly("113100 DCM", "113106 DCM", "113105 DCM");
        assertThat(result.getStrings(Tag.DeidentificationMethod)).contains("Basic Application Confidentiality Profile",
                "Clean Descriptors Option");
        assertThat(result.getString(Tag.LongitudinalTemporalInformationModified)).isEqualTo("UNMODIFIED");
        assertThat(result.getString(Tag.StudyDate)).isEqualTo("20240131");
    }

    @Test
    void flagsImagesThatMayShowBurnedInText() {
        Attributes ultrasound = instance("1", "1");
        ultrasound.setString(Tag.Modality, VR.CS, "US");
        Attributes statedYes = instance("1", "2");
        statedYes.setString(Tag.BurnedInAnnotation, VR.CS, "YES");
        Deidentifier deidentifier = new Deidentifier(DeidentificationSettings.BASIC, new Pseudonyms(KEY));

        Deidentified us = deidentifier.deidentify(file(ultrasound));
        Deidentified ct = deidentifier.deidentify(file(instance("1", "3")));
        Deidentified stated = deidentifier.deidentify(file(statedYes));

        assertThat(us.burnedInAnnotation()).isTrue();
        assertThat(us.file().dataset().getString(Tag.BurnedInAnnotation)).isEqualTo("YES");
        assertThat(ct.burnedInAnnotation()).isFalse();
        assertThat(ct.file().dataset().contains(Tag.BurnedInAnnotation)).isFalse();
        assertThat(stated.burnedInAnnotation()).isTrue();
    }

    @Test
    void refusesContradictoryOptionsAndInvalidNames() {
        assertThatThrownBy(() -> new DeidentificationSettings(Set.of(Option.RETAIN_FULL_DATES,
                Option.RETAIN_MODIFIED_DATES), null, null, Set.of())).hasMessageContaining("exclude each other");
        assertThatThrownBy(() -> new DeidentificationSettings(Set.of(), "A\\B", null, Set.of()))
                .hasMessageContaining("patientName");
        assertThatThrownBy(() -> new DeidentificationSettings(Set.of(), null, "X".repeat(65), Set.of()))
                .hasMessageContaining("patientId");
        assertThatThrownBy(() -> Option.of("retain-everything")).hasMessageContaining("retain-patient-characteristics");
    }

    private static Attributes deidentify(Attributes dataset, DeidentificationSettings settings) {
        return new Deidentifier(settings, new Pseudonyms(KEY)).deidentify(file(dataset)).file().dataset();
    }

    private static DicomFile file(Attributes dataset) {
        dataset.setString(Tag.SOPInstanceUID, VR.UI, dataset.getString(Tag.SOPInstanceUID, SyntheticInstances.uid("9")));
        return new DicomFile(null, DicomWriter.createFileMeta(dataset.getString(Tag.SOPClassUID),
                dataset.getString(Tag.SOPInstanceUID), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid()),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, dataset);
    }

    /** A small CT of patient {@code patient}, instance {@code n} of series 1 of study 1. */
    private static Attributes instance(String patient, String n) {
        Attributes dataset = SyntheticInstances.ct("P" + patient, SyntheticInstances.uid("1"),
                SyntheticInstances.uid("1", "1"), SyntheticInstances.uid("1", "1", n), 4, 1);
        dataset.setString(Tag.AcquisitionDateTime, VR.DT, "20240131101600");
        return dataset;
    }

    private static Attributes withPrivateBlocks() {
        Attributes dataset = instance("1", "1");
        dataset.setString(0x00090010, VR.LO, "SAFE VENDOR");
        dataset.setString(0x00091001, VR.LO, "kVp table 3");
        dataset.setString(0x00110010, VR.LO, "OTHER VENDOR");
        dataset.setString(0x00111001, VR.LO, "Doe^Jane");
        return dataset;
    }

    private static boolean isEmpty(Attributes dataset, int tag) {
        Object value = dataset.getValue(tag);
        return value instanceof Sequence sequence ? sequence.isEmpty() : value instanceof byte[] bytes && bytes.length == 0;
    }

    private static String replacedUid(Attributes original, Attributes result, int tag) {
        String uid = result.getString(tag);
        return uid != null && NEW_UID.matcher(uid).matches() && !uid.equals(original.getString(tag)) ? null
                : "UID not replaced: " + uid;
    }

    /** Null if the value is a non-empty value valid for its VR (PS3.5 Table 6.2-1) that holds nothing of the original. */
    private static String validDummy(Attributes dataset, int tag, VR vr) {
        Object value = dataset.getValue(tag);
        if (!(value instanceof byte[] bytes) || bytes.length == 0) {
            return "no value";
        }
        if (!vr.isText()) {
            return bytes.length % Math.max(1, vr.swapUnit()) == 0 ? null : "length not a multiple of the value size";
        }
        String text = dataset.getString(tag);
        boolean valid = switch (vr) {
            case DA -> text.matches("\\d{8}");
            case TM -> text.matches("\\d{6}");
            case DT -> text.matches("\\d{14}");
            case AS -> text.matches("\\d{3}[DWMY]");
            case IS, DS -> text.matches("-?\\d+");
            case CS -> text.matches("[A-Z0-9 _]{1,16}");
            case AE, SH -> text.length() <= 16;
            default -> text.length() <= 64 || vr == VR.LT || vr == VR.ST || vr == VR.UT || vr == VR.UC || vr == VR.UR;
        };
        return valid && !text.contains("Jane") && !text.contains("20240131") ? null : "not a valid dummy: " + text;
    }
}
