package io.pacslite.archive.query;

import static io.pacslite.testing.SyntheticInstances.uid;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Sequence;
import io.pacslite.dicom.dict.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The engine as C-FIND will call it: a query built key by key, matches streamed until cancelled. */
@ExtendWith(QueryFixture.class)
class QueryEngineTest {

    private static QueryEngine engine;

    @BeforeAll
    static void fixture(QueryEngine shared) {
        engine = shared;
    }

    @Test
    void stopsHandingOutMatchesWhenTheActionSaysSo() {
        List<String> seen = new ArrayList<>();
        engine.forEach(Query.builder(QueryLevel.INSTANCE).build(), match -> {
            seen.add(match.getString(Tag.SOPInstanceUID));
            return seen.size() < 2;
        });

        assertThat(seen).containsExactly(uid("9", "1", "1", "1"), uid("9", "1", "1", "2"));
    }

    @Test
    void returnsTheKeysAskedForAndOnlyThoseEmptyWhenTheyHaveNoValueAsCFindDoes() {
        Query query = Query.builder(QueryLevel.STUDY).defaultAttributes(false).absentAsEmpty(true)
                .match(Tag.PatientID, "P5").match(Tag.PatientName, "").match(Tag.StudyDate, "")
                .match(Tag.PatientAge, "").match(Tag.ModalitiesInStudy, "").build();

        List<Attributes> matches = engine.search(query).matches();

        assertThat(matches).hasSize(1);
        Attributes match = matches.get(0);
        assertThat(IntStream.range(0, match.size()).map(match::tagAt).boxed().toList()).containsExactly(
                Tag.SpecificCharacterSet, Tag.StudyDate, Tag.ModalitiesInStudy, Tag.PatientName, Tag.PatientID,
                Tag.PatientAge, Tag.StudyInstanceUID);
        assertThat(match.getString(Tag.PatientName)).isNull();
        assertThat(match.getString(Tag.PatientAge)).isNull();
        assertThat(match.getStrings(Tag.ModalitiesInStudy)).containsExactly("OT");
        assertThat(match.getString(Tag.StudyInstanceUID)).isEqualTo(uid("9", "5"));
    }

    @Test
    void matchesDateAndTimeSeparatelyUnlessCombinedMatchingIsAskedFor() {
        Query.Builder query = Query.builder(QueryLevel.STUDY).match(Tag.StudyDate, "20200115-20210601")
                .match(Tag.StudyTime, "0800-1100");

        assertThat(studies(query.build())).containsExactly(uid("9", "4"), uid("9", "1"));
        assertThat(studies(query.combinedDateTime(true).build()))
                .containsExactly(uid("9", "4"), uid("9", "2"), uid("9", "1"));
    }

    @Test
    void namesTheKeysItCannotMatchAtTheLevel() {
        Query query = Query.builder(QueryLevel.STUDY).match(Tag.PatientID, "P7").match(Tag.InstitutionName, "X")
                .match(Tag.Modality, "CT").match(Tag.PatientAge, "").build();

        assertThat(query.unmatchableKeys()).containsExactly(Tag.InstitutionName, Tag.Modality);
        assertThat(studies(query)).containsExactly(uid("9", "7"));
    }

    @Test
    void pagesOfASearchFollowEachOtherWithoutGapOrRepeat() {
        Query all = Query.builder(QueryLevel.INSTANCE).build();
        List<String> whole = engine.search(all).matches().stream().map(m -> m.getString(Tag.SOPInstanceUID)).toList();
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < whole.size(); offset += 4) {
            engine.search(all.page(offset, 4)).matches().forEach(m -> paged.add(m.getString(Tag.SOPInstanceUID)));
        }

        assertThat(whole).hasSize(26).doesNotHaveDuplicates();
        assertThat(paged).isEqualTo(whole);
    }

    @Test
    void returnsOnlyTheMatchingItemsWithTheirItemKeysAsCFindDoes() {
        Query query = Query.builder(QueryLevel.STUDY).defaultAttributes(false).absentAsEmpty(true)
                .match(List.of(Tag.ProcedureCodeSequence, Tag.CodeValue), "CT-CHEST")
                .match(List.of(Tag.ProcedureCodeSequence, Tag.CodingSchemeDesignator), "")
                .match(List.of(Tag.ProcedureCodeSequence, Tag.CodingSchemeVersion), "").build();

        List<Attributes> matches = engine.search(query).matches();

        assertThat(matches).extracting(m -> m.getString(Tag.StudyInstanceUID)).containsExactly(uid("9", "1"));
        Sequence items = matches.get(0).getSequence(Tag.ProcedureCodeSequence);
        assertThat(items).hasSize(1);
        Attributes item = items.get(0);
        assertThat(IntStream.range(0, item.size()).map(item::tagAt).boxed().toList())
                .containsExactly(Tag.CodeValue, Tag.CodingSchemeDesignator, Tag.CodingSchemeVersion);
        assertThat(item.getString(Tag.CodingSchemeDesignator)).isEqualTo("RADLEX");
        assertThat(item.getString(Tag.CodingSchemeVersion)).isNull();
        assertThat(query.unmatchableKeys()).isEmpty();
    }

    @Test
    void aSequenceKeyWithoutItemKeysReturnsTheWholeSequence() {
        Query query = Query.builder(QueryLevel.STUDY).match(Tag.StudyInstanceUID, uid("9", "1"))
                .match(Tag.ProcedureCodeSequence, "").build();

        Sequence items = engine.search(query).matches().get(0).getSequence(Tag.ProcedureCodeSequence);

        assertThat(items).extracting(i -> i.getString(Tag.CodeValue)).containsExactly("CT-HEAD", "CT-CHEST");
        assertThat(items).extracting(i -> i.getString(Tag.CodeMeaning)).containsExactly("CT head", "CT chest");
    }

    @Test
    void aSequenceItemOfUniversalKeysMatchesEveryStudyAndReturnsEveryItem() {
        Query query = Query.builder(QueryLevel.STUDY).match(Tag.PatientID, "P1")
                .match(List.of(Tag.ProcedureCodeSequence, Tag.CodeValue), "").build();

        List<Attributes> matches = engine.search(query).matches();

        assertThat(matches).extracting(m -> m.getString(Tag.StudyInstanceUID)).containsExactly(uid("9", "1"),
                uid("9", "6"));
        assertThat(matches.get(0).getSequence(Tag.ProcedureCodeSequence)).extracting(i -> i.getString(Tag.CodeValue))
                .containsExactly("CT-HEAD", "CT-CHEST");
        assertThat(matches.get(0).getSequence(Tag.ProcedureCodeSequence).get(0).contains(Tag.CodeMeaning)).isFalse();
    }

    @Test
    void stopsASequenceMatchedSearchWhenTheActionSaysSo() {
        Query radlex = Query.builder(QueryLevel.STUDY)
                .match(List.of(Tag.ProcedureCodeSequence, Tag.CodingSchemeDesignator), "RADLEX").build();
        List<String> seen = new ArrayList<>();
        engine.forEach(radlex, match -> {
            seen.add(match.getString(Tag.StudyInstanceUID));
            return false;
        });

        assertThat(seen).containsExactly(uid("9", "3"));
        assertThat(studies(radlex)).containsExactly(uid("9", "3"), uid("9", "4"), uid("9", "1"));
    }

    @Test
    void pagesOfASequenceMatchedSearchFollowEachOther() {
        Query lnOrRadlex = Query.builder(QueryLevel.STUDY)
                .match(List.of(Tag.ProcedureCodeSequence, Tag.CodingSchemeDesignator), "*L*").build();
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < 6; offset++) {
            QueryResult page = engine.search(lnOrRadlex.page(offset, 1));
            page.matches().forEach(m -> paged.add(m.getString(Tag.StudyInstanceUID)));
            assertThat(page.more()).as("more after " + offset).isEqualTo(offset < 3);
        }

        assertThat(paged).containsExactly(uid("9", "3"), uid("9", "4"), uid("9", "1"), uid("9", "6"));
    }

    private static List<String> studies(Query query) {
        return engine.search(query).matches().stream().map(m -> m.getString(Tag.StudyInstanceUID)).toList();
    }
}
