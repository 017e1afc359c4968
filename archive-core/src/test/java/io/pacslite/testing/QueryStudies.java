package io.pacslite.testing;

import static io.pacslite.testing.SyntheticInstances.uid;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Sequence;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.ElementDictionary;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.TransferSyntax;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The content the query tests ask, as Part 10 files in the order they are stored: generated
 * studies ($9.1 .. $9.7, $ being the test UID root) and files of pydicom's corpus with names
 * in many character sets. The core's golden cases (archive/query/golden) and the DICOMweb
 * ones (dicomweb/qido/golden) are written against exactly this content.
 */
public final class QueryStudies {

    /** The corpus files stored, in this order (chrFrenMulti and chrJapMultiExplicitIR6 repeat UIDs of others). */
    public static final List<String> CORPUS = List.of("test_files/CT_small.dcm", "test_files/MR_small.dcm",
            "charset_files/chrFren.dcm", "charset_files/chrGerm.dcm", "charset_files/chrGreek.dcm",
            "charset_files/chrRuss.dcm", "charset_files/chrH31.dcm", "charset_files/chrH32.dcm",
            "charset_files/chrI2.dcm", "charset_files/chrX1.dcm", "charset_files/chrX2.dcm",
            "charset_files/chrJapMulti.dcm", "charset_files/chrKoreanMulti.dcm");

    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    private static final String BASIC_TEXT_SR = "1.2.840.10008.5.1.4.1.1.88.11";

    /**
     * Procedure Code Sequence (0008,1032) of generated studies, for sequence matching: $9.1 has
     * two items, each of whose keys the other item's scheme does not share.
     */
    private static final Map<Integer, List<Code>> PROCEDURE_CODES = Map.of(
            1, List.of(new Code("CT-HEAD", "LN", "CT head"), new Code("CT-CHEST", "RADLEX", "CT chest")),
            3, List.of(new Code("PT-WB", "RADLEX", "PET whole body")),
            4, List.of(new Code("CT-ABD", "RADLEX", "CT abdomen")),
            6, List.of(new Code("CT-HEAD", "LN", "CT head")));

    private QueryStudies() {
    }

    /** Every file, generated studies first, then the corpus (needs pydicom's data). */
    public static List<byte[]> files() {
        List<byte[]> files = new ArrayList<>();
        Study s1 = new Study(1, "P1", "Müller^Jürgen", "19600101", "M", "20200115", "083000", "ACC-1", "CT Chest",
                "Welby^Marcus");
        series(files, s1, 1, "CT", 1, "Axial", 1, 2, 3);
        Attributes report = instance(s1, 2, "SR", 2, "Report", 1);
        report.setString(Tag.SOPClassUID, VR.UI, BASIC_TEXT_SR);
        files.add(partTen(report));
        Study s2 = new Study(2, "P2", "Doe^Jane^Anne", "19700202", "F", "20201231", "235900", "ACC-2", "MR Brain",
                "House^Gregory");
        series(files, s2, 1, "MR", 1, "T1 sagittal", 1, 2);
        Study s3 = new Study(3, "P3", "doe^john", "19800303", "M", "20210601", "120000", "A_1%", "PET CT",
                "Welby^Marcus");
        series(files, s3, 1, "CT", 1, "Low dose", 1);
        series(files, s3, 2, "PT", 2, "FDG", 1);
        Study s4 = new Study(4, "P4", "García Márquez^Gabriel José", "19270306", "M", "20210601", "080000", "AB1x",
                "ct abdomen", "Quinn^Michaela");
        series(files, s4, 1, "CT", 1, "Portal venous", 1);
        Study s5 = new Study(5, "P5", null, null, null, null, null, null, null, null);
        series(files, s5, 1, "OT", 1, null, 1);
        Study s6 = new Study(6, "P1", "Müller^Jürgen", "19600101", "M", "20190505", "101010", "ACC-6", "CT Head",
                "Welby^Marcus");
        series(files, s6, 1, "CT", 3, "Bone", 2, 1);
        Study s7 = new Study(7, "P7", "O'Brien^Seán", "19900707", "F", "20220101", "000000", "ACC-7", "XR Hand",
                "Ng^Wei");
        series(files, s7, 1, "DX", 1, "PA", 1);
        Path data = TestPeers.pydicomData();
        try {
            for (String file : CORPUS) {
                files.add(Files.readAllBytes(data.resolve(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Patient and study attributes of the generated study $9.n; null leaves an attribute out. */
    private record Study(int n, String patientId, String name, String birthDate, String sex, String date,
            String time, String accession, String description, String referring) {
    }

    /** An item of a code sequence (PS3.3 Table 8.8-1). */
    private record Code(String value, String scheme, String meaning) {
    }

    /** Adds series $9.study.series: one instance per instance number, $9.study.series.number, in the order given. */
    private static void series(List<byte[]> files, Study study, int series, String modality, int seriesNumber,
            String description, int... instanceNumbers) {
        for (int number : instanceNumbers) {
            files.add(partTen(instance(study, series, modality, seriesNumber, description, number)));
        }
    }

    private static Attributes instance(Study study, int series, String modality, int seriesNumber,
            String description, int instanceNumber) {
        String studyUid = uid("9", Integer.toString(study.n()));
        String seriesUid = uid("9", Integer.toString(study.n()), Integer.toString(series));
        String sopUid = uid("9", Integer.toString(study.n()), Integer.toString(series), Integer.toString(instanceNumber));
        Attributes dataset = SyntheticInstances.ct(study.patientId(), studyUid, seriesUid, sopUid, 8, instanceNumber);
        set(dataset, Tag.PatientName, VR.PN, study.name());
        set(dataset, Tag.PatientBirthDate, VR.DA, study.birthDate());
        set(dataset, Tag.PatientSex, VR.CS, study.sex());
        set(dataset, Tag.StudyDate, VR.DA, study.date());
        set(dataset, Tag.StudyTime, VR.TM, study.time());
        set(dataset, Tag.AccessionNumber, VR.SH, study.accession());
        set(dataset, Tag.StudyDescription, VR.LO, study.description());
        set(dataset, Tag.ReferringPhysicianName, VR.PN, study.referring());
        set(dataset, Tag.PerformedProcedureStepStartDate, VR.DA, study.date());
        set(dataset, Tag.StudyID, VR.SH, "S" + study.n());
        set(dataset, Tag.Modality, VR.CS, modality);
        set(dataset, Tag.SeriesDescription, VR.LO, description);
        set(dataset, Tag.InstitutionName, VR.LO, "Clinic " + study.n());
        dataset.setInts(Tag.SeriesNumber, VR.IS, seriesNumber);
        dataset.setString(Tag.SOPClassUID, VR.UI, CT);
        addSequences(dataset, study.n(), series, instanceNumber);
        return dataset;
    }

    /**
     * The sequences sequence matching is tested on: the study's Procedure Code Sequence, and a
     * Request Attributes Sequence with a Scheduled Protocol Code Sequence in it for $9.1.1.
     */
    private static void addSequences(Attributes dataset, int study, int series, int instanceNumber) {
        List<Code> codes = PROCEDURE_CODES.getOrDefault(study, List.of());
        if (!codes.isEmpty()) {
            dataset.set(Tag.ProcedureCodeSequence, VR.SQ, sequence(codes.stream().map(code -> item(Tag.CodeValue,
                    code.value(), Tag.CodingSchemeDesignator, code.scheme(), Tag.CodeMeaning, code.meaning()))
                    .toList()));
        }
        if (study == 1 && series == 1) {
            // the third image of $9.1.1 was acquired for another scheduled step of the same request
            boolean third = instanceNumber == 3;
            Attributes step = item(Tag.RequestedProcedureID, "RP-1", Tag.ScheduledProcedureStepID,
                    third ? "SPS-2" : "SPS-1");
            Attributes protocol = item(Tag.CodeValue, third ? "P-LOW" : "P-STD", Tag.CodingSchemeDesignator, "LOCAL");
            step.set(Tag.ScheduledProtocolCodeSequence, VR.SQ, sequence(List.of(protocol)));
            dataset.set(Tag.RequestAttributesSequence, VR.SQ, sequence(List.of(step)));
        }
    }

    /**
     * A sequence of {@code items}, sequence and items of defined length: the form dcmtk's
     * storage SCPs write, so that a file they receive is byte for byte the one stored.
     */
    private static Sequence sequence(List<Attributes> items) {
        Sequence sequence = new Sequence(false, false);
        items.forEach(item -> sequence.addItem(item, false));
        return sequence;
    }

    /** A sequence item of text attributes: tag, value, tag, value... */
    private static Attributes item(Object... tagsAndValues) {
        Attributes item = new Attributes();
        for (int i = 0; i < tagsAndValues.length; i += 2) {
            int tag = (Integer) tagsAndValues[i];
            item.setString(tag, ElementDictionary.vrOf(tag), (String) tagsAndValues[i + 1]);
        }
        return item;
    }

    private static void set(Attributes dataset, int tag, VR vr, String value) {
        if (value == null) {
            dataset.remove(tag);
        } else {
            dataset.setString(tag, vr, value);
        }
    }

    private static byte[] partTen(Attributes dataset) {
        return SyntheticInstances.partTen(dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }
}
