package io.pacslite.archive.ingest;

import static io.pacslite.testing.SyntheticInstances.ct;
import static io.pacslite.testing.SyntheticInstances.uid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Sequence;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.TransferSyntax;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Coercion rules as configured, and what they do to a header (PS3.3 C.12.1.1.9). */
class CoercionsTest {

    private static final StoreContext FROM_CT01 = StoreContext.dataset(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
            "CT01", "10.0.0.7");
    private static final StoreContext FROM_HTTP = StoreContext.partTen("10.0.0.9");
    private static final ZonedDateTime NOW = ZonedDateTime.parse("2026-11-23T01:02:03.456789Z");

    @TempDir
    Path folder;

    @Test
    void setsIssuerOnlyWhereItIsMissingOrEmptyAndKeepsTheOldValueInOriginalAttributes() {
        Coercions rules = Coercions.parse(List.of("CT01 issuer=HOSP"));
        Attributes missing = instance();
        Attributes present = instance();
        present.setString(Tag.IssuerOfPatientID, VR.LO, "OTHER");

        assertThat(rules.apply(missing, FROM_CT01, NOW)).isEqualTo("20261123010203.456789+0000");
        assertThat(rules.apply(present, FROM_CT01, NOW)).isNull();

        assertThat(missing.getString(Tag.IssuerOfPatientID)).isEqualTo("HOSP");
        Attributes item = missing.getSequence(Tag.OriginalAttributesSequence).get(0);
        Attributes old = item.getSequence(Tag.ModifiedAttributesSequence).get(0);
        assertThat(old.contains(Tag.IssuerOfPatientID)).isTrue();
        assertThat(old.getString(Tag.IssuerOfPatientID, "")).isEmpty();
        assertThat(item.getString(Tag.SourceOfPreviousValues)).isEqualTo("CT01");
        assertThat(present.getString(Tag.IssuerOfPatientID)).isEqualTo("OTHER");
        assertThat(present.contains(Tag.OriginalAttributesSequence)).isFalse();
    }

    @Test
    void mapsPatientIdsThroughATableAndLeavesOthers() throws Exception {
        Path map = Files.writeString(folder.resolve("ids.csv"), "P1,NEW-1\nP2\tNEW-2\n\n");
        Coercions rules = Coercions.parse(List.of("* patient-id-map=" + map));
        Attributes mapped = instance();
        Attributes tabbed = ct("P2", uid("9"), uid("9", "1"), uid("9", "1", "2"), 8, 1);
        Attributes unknown = ct("P3", uid("9"), uid("9", "1"), uid("9", "1", "3"), 8, 1);

        rules.apply(mapped, FROM_HTTP, NOW);
        rules.apply(tabbed, FROM_HTTP, NOW);

        assertThat(mapped.getString(Tag.PatientID)).isEqualTo("NEW-1");
        assertThat(tabbed.getString(Tag.PatientID)).isEqualTo("NEW-2");
        assertThat(rules.apply(unknown, FROM_HTTP, NOW)).isNull();
        assertThat(unknown.getString(Tag.PatientID)).isEqualTo("P3");
        Attributes item = mapped.getSequence(Tag.OriginalAttributesSequence).get(0);
        assertThat(item.getSequence(Tag.ModifiedAttributesSequence).get(0).getString(Tag.PatientID)).isEqualTo("P1");
        assertThat(item.getString(Tag.SourceOfPreviousValues)).isEqualTo("10.0.0.9");
    }

    @Test
    void fillsAnEmptyAccessionNumberFromThePatternCutTo16Characters() {
        Coercions rules = Coercions.parse(List.of("http accession={StudyDate}-{StudyID}-{PatientID}"));
        Attributes instance = instance();
        instance.setString(Tag.AccessionNumber, VR.SH, "");
        Attributes numbered = instance();

        rules.apply(instance, FROM_HTTP, NOW);

        assertThat(instance.getString(Tag.AccessionNumber)).isEqualTo("20240131-1-P1");
        assertThat(rules.apply(numbered, FROM_HTTP, NOW)).isNull();
        assertThat(numbered.getString(Tag.AccessionNumber)).isEqualTo("AP1");
        Attributes longer = instance();
        longer.remove(Tag.AccessionNumber);
        longer.setString(Tag.PatientID, VR.LO, "PATIENT-0123456789");
        rules.apply(longer, FROM_HTTP, NOW);
        assertThat(longer.getString(Tag.AccessionNumber)).isEqualTo("20240131-1-PATIE");
    }

    @Test
    void appliesOnlyRulesOfTheMatchingSourceAllInOrderInOneItem() throws Exception {
        Path map = Files.writeString(folder.resolve("ids.tsv"), "P1\tNEW-1\nNEW-1\tNEW-2\n");
        Coercions rules = Coercions.parse(List.of("CT01 patient-id-map=" + map, "MR01 issuer=MR",
                "* patient-id-map=" + map + " issuer=ANY", "http issuer=WEB"));
        Attributes instance = instance();

        rules.apply(instance, FROM_CT01, NOW);

        assertThat(instance.getString(Tag.PatientID)).isEqualTo("NEW-2");
        assertThat(instance.getString(Tag.IssuerOfPatientID)).isEqualTo("ANY");
        Sequence original = instance.getSequence(Tag.OriginalAttributesSequence);
        assertThat(original.size()).isEqualTo(1);
        Attributes old = original.get(0).getSequence(Tag.ModifiedAttributesSequence).get(0);
        assertThat(old.getString(Tag.PatientID)).isEqualTo("P1");
    }

    @Test
    void leavesInstancesTheArchiveDerivedItselfAlone() {
        Coercions rules = Coercions.parse(List.of("* issuer=ANY", "http issuer=WEB"));
        Attributes copy = instance();

        assertThat(rules.apply(copy, StoreContext.derived("deidentify"), NOW)).isNull();

        assertThat(copy.contains(Tag.IssuerOfPatientID)).isFalse();
        assertThat(copy.contains(Tag.OriginalAttributesSequence)).isFalse();
    }

    @Test
    void refusesInvalidRulesNamingTheRuleAndTheReason() {
        assertThatThrownBy(() -> Coercions.parse(List.of("CT01")))
                .hasMessageContaining("\"CT01\"").hasMessageContaining("SOURCE action=value");
        assertThatThrownBy(() -> Coercions.parse(List.of("CT01 color=red")))
                .hasMessageContaining("unknown action \"color\"");
        assertThatThrownBy(() -> Coercions.parse(List.of("CT01 issuer=")))
                .hasMessageContaining("is not action=value");
        assertThatThrownBy(() -> Coercions.parse(List.of("CT01 issuer=A\\B")))
                .hasMessageContaining("has a backslash");
        assertThatThrownBy(() -> Coercions.parse(List.of("CT01 accession={NoSuchKeyword}")))
                .hasMessageContaining("{NoSuchKeyword} is not an attribute keyword");
        assertThatThrownBy(() -> Coercions.parse(List.of("CT01 patient-id-map=" + folder.resolve("absent.csv"))))
                .hasMessageContaining("cannot be read");
        assertThatThrownBy(() -> Coercions.parse(List.of("A_TITLE_LONGER_THAN_16 issuer=X")))
                .hasMessageContaining("is not an AE title");
    }

    @Test
    void refusesAMapLineThatIsNotTwoColumns() throws Exception {
        Path map = Files.writeString(folder.resolve("bad.csv"), "P1,NEW-1\nP2,NEW-2,extra\n");

        assertThatThrownBy(() -> Coercions.parse(List.of("* patient-id-map=" + map)))
                .hasMessageContaining("line 2 is not old,new");
    }

    private static Attributes instance() {
        return ct("P1", uid("9"), uid("9", "1"), uid("9", "1", "1"), 8, 1);
    }
}
