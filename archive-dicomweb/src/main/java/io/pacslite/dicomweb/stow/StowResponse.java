package io.pacslite.dicomweb.stow;

import io.pacslite.archive.ingest.StoreStatus;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Sequence;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import java.util.List;

/**
 * The Store Instances Response Module (PS3.18 10.5.3, Annex I): RetrieveURL of the study,
 * ReferencedSOPSequence (stored instances, each with its RetrieveURL and, for a warning,
 * WarningReason) and FailedSOPSequence (with FailureReason), and the HTTP status: 200 when
 * every instance was stored without warning, 409 when none was stored, 202 otherwise.
 */
final class StowResponse {

    private StowResponse() {
    }

    static int httpStatus(List<StowOutcome> outcomes) {
        long failed = outcomes.stream().filter(o -> o.status() == StoreStatus.FAILURE).count();
        long warned = outcomes.stream().filter(o -> o.status() == StoreStatus.WARNING).count();
        if (failed == outcomes.size()) {
            return 409;
        }
        return failed == 0 && warned == 0 ? 200 : 202;
    }

    /**
     * @param baseUrl the service base URL ({@code http://host:port/dicom-web})
     * @param requestStudy the study of {@code POST /studies/{study}}, or null
     */
    static Attributes dataset(List<StowOutcome> outcomes, String baseUrl, String requestStudy) {
        Attributes response = new Attributes();
        String study = requestStudy != null ? requestStudy : onlyStudy(outcomes);
        if (study != null) {
            response.setString(Tag.RetrieveURL, VR.UR, baseUrl + "/studies/" + study);
        }
        Sequence failed = new Sequence();
        Sequence referenced = new Sequence();
        for (StowOutcome outcome : outcomes) {
            Attributes item = new Attributes();
            item.setString(Tag.ReferencedSOPClassUID, VR.UI, orEmpty(outcome.sopClassUID()));
            item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, orEmpty(outcome.sopInstanceUID()));
            if (outcome.status() == StoreStatus.FAILURE) {
                item.setInts(Tag.FailureReason, VR.US, outcome.code());
                failed.add(item);
            } else {
                item.setString(Tag.RetrieveURL, VR.UR, baseUrl + "/studies/" + outcome.studyInstanceUID() + "/series/"
                        + outcome.seriesInstanceUID() + "/instances/" + outcome.sopInstanceUID());
                if (outcome.status() == StoreStatus.WARNING) {
                    item.setInts(Tag.WarningReason, VR.US, outcome.code());
                }
                referenced.add(item);
            }
        }
        if (!failed.isEmpty()) {
            response.set(Tag.FailedSOPSequence, VR.SQ, failed);
        }
        if (!referenced.isEmpty()) {
            response.set(Tag.ReferencedSOPSequence, VR.SQ, referenced);
        }
        return response;
    }

    private static String onlyStudy(List<StowOutcome> outcomes) {
        List<String> studies = outcomes.stream().filter(o -> o.status() != StoreStatus.FAILURE)
                .map(StowOutcome::studyInstanceUID).distinct().toList();
        return studies.size() == 1 ? studies.get(0) : null;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
