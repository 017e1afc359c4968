package io.pacslite.archive.query;

import static io.pacslite.testing.SyntheticInstances.uid;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.ingest.StoreContext;
import io.pacslite.archive.ingest.StoreReason;
import io.pacslite.archive.ingest.StoreResult;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.testing.SyntheticInstances;
import io.pacslite.testing.TestPeers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The archive the query tests ask: generated studies ($9.n, $ being the test UID root) and
 * files of pydicom's corpus, stored through the one ingest path (Archive.store). The golden
 * cases (golden/*.txt) are written against exactly this content: see golden/README.md.
 *
 * <p>A JUnit extension: a test class that extends with it gets the {@link QueryEngine} of
 * this archive as a parameter (of its {@code @BeforeAll} method, say). The archive is built
 * once for all the classes, in a temp folder, and closed and removed after the last test.
 */
final class QueryFixture implements ParameterResolver {

    /** The corpus files stored, in this order (chrFrenMulti and chrJapMultiExplicitIR6 repeat UIDs of others). */
    static final List<String> CORPUS = List.of("test_files/CT_small.dcm", "test_files/MR_small.dcm",
            "charset_files/chrFren.dcm", "charset_files/chrGerm.dcm", "charset_files/chrGreek.dcm",
            "charset_files/chrRuss.dcm", "charset_files/chrH31.dcm", "charset_files/chrH32.dcm",
            "charset_files/chrI2.dcm", "charset_files/chrX1.dcm", "charset_files/chrX2.dcm",
            "charset_files/chrJapMulti.dcm", "charset_files/chrKoreanMulti.dcm");

    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    private static final String BASIC_TEXT_SR = "1.2.840.10008.5.1.4.1.1.88.11";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == QueryEngine.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(QueryFixture.class))
                .getOrComputeIfAbsent(Shared.class, key -> Shared.open(), Shared.class).engine();
    }

    /** The archive shared by the test classes; the store closes it after the last of them. */
    private record Shared(Path root, Archive archive, QueryEngine engine) implements AutoCloseable {

        static Shared open() {
            try {
                Path root = Files.createTempDirectory("pacslite-query-");
                Archive archive = create(root);
                return new Shared(root, archive, new QueryEngine(archive.index()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            archive.close();
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** Patient and study attributes of the generated study $9.n; null leaves an attribute out. */
    private record Study(int n, String patientId, String name, String birthDate, String sex, String date,
            String time, String accession, String description, String referring) {
    }

    /** Opens an archive in {@code root} and stores the whole fixture into it. */
    private static Archive create(Path root) throws IOException {
        Archive archive = Archive.open(root, ArchiveConfig.DEFAULTS);
        Study s1 = new Study(1, "P1", "Müller^Jürgen", "19600101", "M", "20200115", "083000", "ACC-1", "CT Chest",
                "Welby^Marcus");
        series(archive, s1, 1, "CT", 1, "Axial", 1, 2, 3);
        Attributes report = instance(s1, 2, "SR", 2, "Report", 1);
        report.setString(Tag.SOPClassUID, VR.UI, BASIC_TEXT_SR);
        store(archive, report);
        Study s2 = new Study(2, "P2", "Doe^Jane^Anne", "19700202", "F", "20201231", "235900", "ACC-2", "MR Brain",
                "House^Gregory");
        series(archive, s2, 1, "MR", 1, "T1 sagittal", 1, 2);
        Study s3 = new Study(3, "P3", "doe^john", "19800303", "M", "20210601", "120000", "A_1%", "PET CT",
                "Welby^Marcus");
        series(archive, s3, 1, "CT", 1, "Low dose", 1);
        series(archive, s3, 2, "PT", 2, "FDG", 1);
        Study s4 = new Study(4, "P4", "García Márquez^Gabriel José", "19270306", "M", "20210601", "080000", "AB1x",
                "ct abdomen", "Quinn^Michaela");
        series(archive, s4, 1, "CT", 1, "Portal venous", 1);
        Study s5 = new Study(5, "P5", null, null, null, null, null, null, null, null);
        series(archive, s5, 1, "OT", 1, null, 1);
        Study s6 = new Study(6, "P1", "Müller^Jürgen", "19600101", "M", "20190505", "101010", "ACC-6", "CT Head",
                "Welby^Marcus");
        series(archive, s6, 1, "CT", 3, "Bone", 2, 1);
        Study s7 = new Study(7, "P7", "O'Brien^Seán", "19900707", "F", "20220101", "000000", "ACC-7", "XR Hand",
                "Ng^Wei");
        series(archive, s7, 1, "DX", 1, "PA", 1);
        Path data = TestPeers.pydicomData();
        for (String file : CORPUS) {
            try (InputStream in = Files.newInputStream(data.resolve(file))) {
                check(archive.store(in, StoreContext.partTen("fixture")), file);
            }
        }
        return archive;
    }

    /** Stores series $9.study.series: one instance per instance number, $9.study.series.number, in the order given. */
    private static void series(Archive archive, Study study, int series, String modality, int seriesNumber,
            String description, int... instanceNumbers) {
        for (int number : instanceNumbers) {
            store(archive, instance(study, series, modality, seriesNumber, description, number));
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
        return dataset;
    }

    private static void set(Attributes dataset, int tag, VR vr, String value) {
        if (value == null) {
            dataset.remove(tag);
        } else {
            dataset.setString(tag, vr, value);
        }
    }

    private static void store(Archive archive, Attributes dataset) {
        byte[] file = SyntheticInstances.partTen(dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        check(archive.store(new ByteArrayInputStream(file), StoreContext.partTen("fixture")),
                dataset.getString(Tag.SOPInstanceUID));
    }

    private static void check(StoreResult result, String what) {
        if (result.reason() != StoreReason.STORED) {
            throw new IllegalStateException(what + " was not stored: " + result);
        }
    }
}
