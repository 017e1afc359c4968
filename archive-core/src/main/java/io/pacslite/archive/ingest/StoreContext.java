package io.pacslite.archive.ingest;

import io.pacslite.dicom.io.TransferSyntax;

/**
 * Where an instance comes from and how its bytes are framed.
 *
 * @param transferSyntax null for a Part 10 file (preamble and File Meta); otherwise the
 *     transfer syntax of a bare data set, as a DIMSE presentation context gives it
 * @param sourceAE the calling AE title, or null
 * @param sourceAddress the peer's address or "cli:import", or null
 */
public record StoreContext(TransferSyntax transferSyntax, String sourceAE, String sourceAddress) {

    /** A Part 10 file from {@code source}. */
    public static StoreContext partTen(String sourceAddress) {
        return new StoreContext(null, null, sourceAddress);
    }

    /** A bare data set in {@code transferSyntax}, as received on a DIMSE association. */
    public static StoreContext dataset(TransferSyntax transferSyntax, String sourceAE, String sourceAddress) {
        return new StoreContext(transferSyntax, sourceAE, sourceAddress);
    }
}
