package io.pacslite.cli;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dimse.message.Status;
import io.pacslite.dimse.message.StatusType;
import io.pacslite.dimse.message.SubOperations;
import io.pacslite.dimse.net.RemoteAe;

/** How {@code get} and {@code move} report a retrieve: the final status, the counts, the failed instances. */
final class RetrieveTally {

    private RetrieveTally() {
    }

    /**
     * Prints the outcome and returns the exit status: 0 on Success, 1 otherwise (a warning
     * such as B000 means some sub-operations failed).
     */
    static int report(String command, RemoteAe peer, Status status, SubOperations counts, String errorComment,
            Attributes failedList) {
        if (counts != null) {
            System.out.printf("  completed  %,8d%n  warning    %,8d%n  failed     %,8d%n", counts.completed(),
                    counts.warning(), counts.failed());
            if (counts.remaining() != null && counts.remaining() > 0) {
                System.out.printf("  remaining  %,8d%n", counts.remaining());
            }
        }
        if (failedList != null) {
            for (String uid : failedList.getStrings(Tag.FailedSOPInstanceUIDList)) {
                System.out.println("  failed: " + uid);
            }
        }
        if (status.type() == StatusType.SUCCESS) {
            return 0;
        }
        System.err.println("pacslite " + command + ": " + peer + " answered " + status
                + (errorComment == null ? "" : ": " + errorComment));
        return 1;
    }
}
