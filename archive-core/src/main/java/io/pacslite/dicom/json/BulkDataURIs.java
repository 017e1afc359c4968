package io.pacslite.dicom.json;

/**
 * Names the BulkDataURI (PS3.18 F.2.6) for a binary value that is not written inline.
 *
 * <p>{@code path} locates the element in the data set: its tag as eight hex digits, preceded
 * for elements inside sequences by each sequence's tag and the item index, separated by
 * slashes ("00540016/0/00181072"). Return null to write the value inline instead.
 */
@FunctionalInterface
public interface BulkDataURIs {

    String uriFor(String path);
}
