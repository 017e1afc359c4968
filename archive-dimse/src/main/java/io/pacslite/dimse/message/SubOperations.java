package io.pacslite.dimse.message;

/**
 * The sub-operation counts of a C-GET or C-MOVE response, PS3.7 Table 9.3-9 and 9.3-11:
 * Number of Remaining (0000,1020), Completed (0000,1021), Failed (0000,1022) and Warning
 * (0000,1023) Sub-operations.
 *
 * @param remaining null when the response leaves it out (a final response, PS3.4 C.4.2.3.1)
 */
public record SubOperations(Integer remaining, int completed, int failed, int warning) {

    /** Checks each count fits its US field. */
    public SubOperations {
        if (remaining != null) {
            DimseMessage.checkUnsigned16(remaining, "remaining sub-operations");
        }
        DimseMessage.checkUnsigned16(completed, "completed sub-operations");
        DimseMessage.checkUnsigned16(failed, "failed sub-operations");
        DimseMessage.checkUnsigned16(warning, "warning sub-operations");
    }
}
