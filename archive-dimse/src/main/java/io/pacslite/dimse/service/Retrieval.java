package io.pacslite.dimse.service;

import io.pacslite.archive.index.StoredInstance;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dimse.message.Status;
import io.pacslite.dimse.message.SubOperations;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The C-STORE sub-operations of one C-GET or C-MOVE (PS3.4 C.4.2.3, C.4.3.3): each instance is
 * sent in turn, the counts are reported after each one (a pending response), a C-CANCEL stops
 * the run before the next one, and the final status follows PS3.4 Tables C.4-2 and C.4-3.
 */
public final class Retrieval {

    /** Sends one instance with C-STORE and returns the C-STORE-RSP status (a failure status for an instance that could not be sent). */
    @FunctionalInterface
    public interface Store {
        /**
         * @throws IOException if nothing more can be sent (the association carrying the
         *         sub-operations has ended); the rest then counts as failed
         */
        Status store(StoredInstance instance) throws IOException;
    }

    /** Where the counts go after each sub-operation: a pending response. */
    @FunctionalInterface
    public interface Progress {
        /** Reports {@code counts}; false once the operation is cancelled (C-CANCEL-RQ). */
        boolean pending(SubOperations counts);
    }

    /**
     * How a C-GET or C-MOVE ended.
     *
     * @param status       the final status
     * @param counts       the sub-operation counts; null when none were attempted for a refusal
     * @param failed       the SOP Instance UIDs of the failed sub-operations (after a lost association,
     *                     those it could not send too)
     * @param errorComment why, for a failure; null otherwise
     */
    public record Outcome(Status status, SubOperations counts, List<String> failed, String errorComment) {

        /** Copies the list. */
        public Outcome {
            Objects.requireNonNull(status, "status");
            failed = List.copyOf(failed);
        }

        /** A refusal before any sub-operation: {@code status}, no counts. */
        public static Outcome refused(Status status, String errorComment) {
            return new Outcome(status, null, List.of(), errorComment);
        }

        /**
         * The Identifier of the final response: Failed SOP Instance UID List (0008,0058), PS3.4
         * C.4.2.1.5 and C.4.3.1.4; null when no sub-operation failed.
         */
        public Attributes failedList() {
            if (failed.isEmpty()) {
                return null;
            }
            Attributes identifier = new Attributes(false, 1);
            identifier.setString(Tag.FailedSOPInstanceUIDList, VR.UI, failed.toArray(String[]::new));
            return identifier;
        }
    }

    private Retrieval() {
    }

    /**
     * Sends every instance of {@code instances} through {@code store}, reporting to {@code progress}
     * after each. Final status: Success (0000) when all completed without warning; Warning
     * (B000) when some failed or warned; Refused, unable to perform sub-operations (A702) when
     * all failed; Cancel (FE00) when cancelled, with the remaining count.
     */
    public static Outcome run(List<StoredInstance> instances, Store store, Progress progress) {
        int completed = 0;
        int warning = 0;
        List<String> failed = new ArrayList<>();
        String comment = null;
        for (int i = 0; i < instances.size(); i++) {
            StoredInstance instance = instances.get(i);
            try {
                switch (store.store(instance).type()) {
                    case SUCCESS -> completed++;
                    case WARNING -> warning++;
                    default -> failed.add(instance.sopUid());
                }
            } catch (IOException e) {
                instances.subList(i, instances.size()).forEach(rest -> failed.add(rest.sopUid()));
                comment = e.getMessage();
                break;
            }
            int remaining = instances.size() - i - 1;
            if (!progress.pending(counts(remaining, completed, failed.size(), warning)) && remaining > 0) {
                return new Outcome(Status.CANCEL, counts(remaining, completed, failed.size(), warning), failed, null);
            }
        }
        SubOperations counts = counts(null, completed, failed.size(), warning);
        Status status = failed.isEmpty() && warning == 0 ? Status.SUCCESS
                : completed + warning == 0 ? Status.UNABLE_TO_PERFORM_SUB_OPERATIONS
                : Status.SUB_OPERATIONS_COMPLETE_WITH_FAILURES;
        return new Outcome(status, counts, failed, comment);
    }

    /** Counts capped to their US fields (a retrieve of over 65,535 instances still reports). */
    private static SubOperations counts(Integer remaining, int completed, int failed, int warning) {
        return new SubOperations(remaining == null ? null : Math.min(remaining, 0xFFFF), Math.min(completed, 0xFFFF),
                Math.min(failed, 0xFFFF), Math.min(warning, 0xFFFF));
    }
}
