package io.pacslite.dimse.net;

import static io.pacslite.testing.SyntheticInstances.uid;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Sequence;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dicom.text.SpecificCharacterSet;
import io.pacslite.dimse.testing.Dcmtk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * dcmtk's findscu against the archive's C-FIND SCP (PS3.4 C.4.1), Patient Root and Study Root,
 * every level, over {@code QueryStudies}: the generated studies and pydicom's charset files.
 * findscu writes each response Identifier to a file ({@code -X}), read back here.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CFindScpFindscuTest extends QueryServerTest {

    /** The names of pydicom's chrH31, chrH32 and chrJapMulti. */
    private static final String YAMADA = "Yamada^Tarou=山田^太郎=やまだ^たろう";
    private static final String YAMADA_KATAKANA = "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう";
    private static final String YAMADA_HIRAGANA = "やまだ^たろう";

    @TempDir
    Path out;

    @BeforeEach
    void checkFindscu() {
        Dcmtk.require("findscu");
    }

    @Test
    void findsStudiesByWildcardNameInStudyRoot() throws Exception {
        List<Attributes> matches = findscu("-S", "QueryRetrieveLevel=STUDY", "PatientName=doe*", "StudyInstanceUID",
                "StudyDate");

        assertThat(matches).extracting(m -> m.getString(Tag.StudyInstanceUID)).containsExactly(uid("9", "3"),
                uid("9", "2"));
        assertThat(matches).extracting(m -> m.getString(Tag.PatientName)).containsExactly("doe^john", "Doe^Jane^Anne");
        assertThat(matches.get(0).getString(Tag.StudyDate)).isEqualTo("20210601");
        assertThat(tags(matches.get(0))).containsExactly(Tag.StudyDate, Tag.QueryRetrieveLevel, Tag.PatientName,
                Tag.StudyInstanceUID);
        assertThat(matches.get(0).getString(Tag.QueryRetrieveLevel)).isEqualTo("STUDY");
    }

    @Test
    void findsAPatientAndItsStudiesInPatientRoot() throws Exception {
        List<Attributes> patients = findscu("-P", "QueryRetrieveLevel=PATIENT", "PatientID=P1", "PatientName",
                "NumberOfPatientRelatedStudies");
        List<Attributes> studies = findscu("-P", "QueryRetrieveLevel=STUDY", "PatientID=P1", "StudyInstanceUID",
                "StudyDescription");

        assertThat(patients).hasSize(1);
        assertThat(patients.get(0).getString(Tag.PatientName)).isEqualTo("Müller^Jürgen");
        assertThat(patients.get(0).getString(Tag.NumberOfPatientRelatedStudies)).isEqualTo("2");
        assertThat(studies).extracting(m -> m.getString(Tag.StudyDescription)).containsExactly("CT Chest", "CT Head");
    }

    @Test
    void findsTheSeriesOfAStudy() throws Exception {
        List<Attributes> series = findscu("-S", "QueryRetrieveLevel=SERIES", "StudyInstanceUID=" + uid("9", "3"),
                "SeriesInstanceUID", "Modality", "NumberOfSeriesRelatedInstances");

        assertThat(series).extracting(m -> m.getString(Tag.Modality)).containsExactly("CT", "PT");
        assertThat(series).extracting(m -> m.getString(Tag.SeriesInstanceUID)).containsExactly(uid("9", "3", "1"),
                uid("9", "3", "2"));
        assertThat(series).extracting(m -> m.getString(Tag.NumberOfSeriesRelatedInstances)).containsExactly("1", "1");
    }

    @Test
    void findsTheImagesOfASeriesInBothModels() throws Exception {
        for (String model : List.of("-S", "-P")) {
            List<Attributes> images = findscu(model, "QueryRetrieveLevel=IMAGE", "PatientID=P1",
                    "StudyInstanceUID=" + uid("9", "1"), "SeriesInstanceUID=" + uid("9", "1", "1"), "SOPInstanceUID",
                    "InstanceNumber");

            assertThat(images).as(model).extracting(m -> m.getString(Tag.InstanceNumber)).containsExactly("1", "2", "3");
            assertThat(images).as(model).extracting(m -> m.getString(Tag.SOPInstanceUID))
                    .containsExactly(uid("9", "1", "1", "1"), uid("9", "1", "1", "2"), uid("9", "1", "1", "3"));
        }
    }

    @Test
    void matchesADateRangeAndAListOfUids() throws Exception {
        List<Attributes> year = findscu("-S", "QueryRetrieveLevel=STUDY", "StudyDate=20200101-20201231",
                "StudyInstanceUID");
        List<Attributes> listed = findscu("-S", "QueryRetrieveLevel=STUDY",
                "StudyInstanceUID=" + uid("9", "4") + "\\" + uid("9", "7"), "AccessionNumber");

        assertThat(year).extracting(m -> m.getString(Tag.StudyInstanceUID)).containsExactly(uid("9", "2"),
                uid("9", "1"));
        assertThat(listed).extracting(m -> m.getString(Tag.AccessionNumber)).containsExactly("ACC-7", "AB1x");
    }

    @Test
    void answersKeysWithoutValueEmptyAndKeysBelowTheLevelWithAWarning() throws Exception {
        Dcmtk.Result result = run("-S", "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + uid("9", "5"),
                "PatientName", "StudyDescription", "Modality=CT");
        List<Attributes> matches = responses();

        assertThat(matches).hasSize(1);
        assertThat(matches.get(0).contains(Tag.StudyDescription)).isTrue();
        assertThat(matches.get(0).getString(Tag.StudyDescription)).isNull();
        assertThat(matches.get(0).contains(Tag.Modality)).isFalse();
        assertThat(result.output()).contains("Pending: WarningUnsupportedOptionalKeys");
    }

    @Test
    void matchesJapaneseNamesQueriedInIso2022Ir87AndAnswersInIt() throws Exception {
        String query = new String(SpecificCharacterSet.of("", "ISO 2022 IR 87").encode("山田*", true),
                StandardCharsets.ISO_8859_1);

        List<Attributes> matches = findscu("-S", "QueryRetrieveLevel=STUDY", "SpecificCharacterSet=\\ISO 2022 IR 87",
                "PatientName=" + query, "StudyInstanceUID");

        assertThat(matches).extracting(m -> m.getString(Tag.PatientName))
                .containsExactlyInAnyOrder(YAMADA, YAMADA_KATAKANA);
        Attributes yamada = matches.stream().filter(m -> m.getString(Tag.PatientName).equals(YAMADA)).findFirst()
                .orElseThrow();
        Attributes katakana = matches.stream().filter(m -> m != yamada).findFirst().orElseThrow();
        assertThat(yamada.getStrings(Tag.SpecificCharacterSet)).containsExactly("", "ISO 2022 IR 87");
        // half-width katakana are not in ISO 2022 IR 87: that match comes in UTF-8
        assertThat(katakana.getStrings(Tag.SpecificCharacterSet)).containsExactly("ISO_IR 192");
    }

    @Test
    void matchesJapaneseNamesQueriedInUtf8() throws Exception {
        List<Attributes> matches = findscu("-S", "QueryRetrieveLevel=STUDY", "SpecificCharacterSet=ISO_IR 192",
                "PatientName=やまだ^たろう", "StudyInstanceUID");

        assertThat(matches).extracting(m -> m.getString(Tag.PatientName))
                .containsExactlyInAnyOrder(YAMADA, YAMADA_KATAKANA, YAMADA_HIRAGANA);
        assertThat(matches).allSatisfy(m -> assertThat(m.getString(Tag.SpecificCharacterSet)).isEqualTo("ISO_IR 192"));
    }

    @Test
    void matchesASequenceItemAtTheStudyLevelAndAnswersTheMatchingItemOnly() throws Exception {
        Dcmtk.Result result = run("-S", "QueryRetrieveLevel=STUDY", "StudyInstanceUID",
                "ProcedureCodeSequence[0].CodeValue=CT-CHEST", "(0008,1032)[0].(0008,0102)=RADLEX");
        List<Attributes> matches = responses();
        List<Attributes> noItemMatchesBoth = findscu("-S", "QueryRetrieveLevel=STUDY", "StudyInstanceUID",
                "ProcedureCodeSequence[0].CodeValue=CT-CHEST", "ProcedureCodeSequence[0].CodingSchemeDesignator=LN");

        assertThat(matches).extracting(m -> m.getString(Tag.StudyInstanceUID)).containsExactly(uid("9", "1"));
        Sequence items = matches.get(0).getSequence(Tag.ProcedureCodeSequence);
        assertThat(items).hasSize(1);
        assertThat(items.get(0).getString(Tag.CodeValue)).isEqualTo("CT-CHEST");
        assertThat(items.get(0).getString(Tag.CodingSchemeDesignator)).isEqualTo("RADLEX");
        assertThat(items.get(0).contains(Tag.CodeMeaning)).isFalse();
        assertThat(result.output()).contains("Find Response 1 (Pending)")
                .doesNotContain("WarningUnsupportedOptionalKeys");
        assertThat(noItemMatchesBoth).isEmpty();
    }

    @Test
    void matchesASequenceItemWithAWildcardAndASequenceInItAtTheImageLevel() throws Exception {
        List<Attributes> images = findscu("-S", "QueryRetrieveLevel=IMAGE", "StudyInstanceUID=" + uid("9", "1"),
                "SeriesInstanceUID=" + uid("9", "1", "1"), "SOPInstanceUID",
                "RequestAttributesSequence[0].ScheduledProcedureStepID=*2",
                "RequestAttributesSequence[0].ScheduledProtocolCodeSequence[0].CodeValue=P-LOW");

        assertThat(images).extracting(m -> m.getString(Tag.SOPInstanceUID)).containsExactly(uid("9", "1", "1", "3"));
        Attributes step = images.get(0).getSequence(Tag.RequestAttributesSequence).get(0);
        assertThat(step.getString(Tag.ScheduledProcedureStepID)).isEqualTo("SPS-2");
        assertThat(step.contains(Tag.RequestedProcedureID)).isFalse();
        assertThat(step.getSequence(Tag.ScheduledProtocolCodeSequence)).singleElement()
                .satisfies(protocol -> assertThat(protocol.getString(Tag.CodeValue)).isEqualTo("P-LOW"));
    }

    @Test
    void answersTheWholeSequenceForASequenceKeyWithoutItem() throws Exception {
        List<Attributes> matches = findscu("-S", "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + uid("9", "1"),
                "ProcedureCodeSequence");

        assertThat(matches).hasSize(1);
        assertThat(matches.get(0).getSequence(Tag.ProcedureCodeSequence)).extracting(i -> i.getString(Tag.CodeMeaning))
                .containsExactly("CT head", "CT chest");
    }

    @Test
    void refusesASequenceKeyOfTwoItemsWithA900() throws Exception {
        Dcmtk.Result result = run("-S", "QueryRetrieveLevel=STUDY", "StudyInstanceUID",
                "ProcedureCodeSequence[0].CodeValue=CT-CHEST", "ProcedureCodeSequence[1].CodeValue=CT-HEAD");

        assertThat(result.output()).contains("Final Find Response (Error: DataSetDoesNotMatchSOPClass)");
        assertThat(responses()).isEmpty();
    }

    @Test
    void refusesAnUnknownLevelAndAMalformedKeyWithA900() throws Exception {
        Dcmtk.Result level = run("-S", "QueryRetrieveLevel=PATIENT", "PatientID");
        Dcmtk.Result date = run("-S", "QueryRetrieveLevel=STUDY", "StudyDate=2020-01-01");
        Dcmtk.Result missing = run("-S", "PatientID=P1");

        for (Dcmtk.Result result : List.of(level, date, missing)) {
            assertThat(result.output()).contains("Final Find Response (Error: DataSetDoesNotMatchSOPClass)");
        }
        assertThat(responses()).isEmpty();
    }

    /** findscu's response Identifiers for a query; {@code arguments} starting with "-" are options, others keys. */
    private List<Attributes> findscu(String... arguments) throws Exception {
        Dcmtk.Result result = run(arguments);
        assertThat(result.exitCode()).as(result.output()).isZero();
        return responses();
    }

    private Dcmtk.Result run(String... arguments) throws Exception {
        try (Stream<Path> old = Files.list(out)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        List<String> command = new ArrayList<>(List.of("-v", "-aet", "FINDSCU", "-aec", "PACSLITE", "-X", "-od",
                out.toString()));
        for (int i = 0; i < arguments.length; i++) {
            if (arguments[i].startsWith("-")) {
                command.add(arguments[i]);
                if (arguments[i].equals("--cancel")) {
                    command.add(arguments[++i]);
                }
            } else {
                command.addAll(List.of("-k", arguments[i]));
            }
        }
        command.addAll(List.of("127.0.0.1", Integer.toString(server.port())));
        return Dcmtk.run(out, "findscu", command);
    }

    /** The response Identifiers findscu wrote, in order. */
    private List<Attributes> responses() throws IOException {
        List<Attributes> matches = new ArrayList<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("rsp")).sorted().toList()) {
                try (DicomReader reader = DicomReader.open(file)) {
                    matches.add(reader.readFile().dataset());
                }
            }
        }
        return matches;
    }

    private static List<Integer> tags(Attributes dataset) {
        List<Integer> tags = new ArrayList<>();
        for (int i = 0; i < dataset.size(); i++) {
            if (dataset.tagAt(i) != Tag.SpecificCharacterSet) {
                tags.add(dataset.tagAt(i));
            }
        }
        return tags;
    }
}
