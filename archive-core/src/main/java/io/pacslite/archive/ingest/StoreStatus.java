package io.pacslite.archive.ingest;

/** The class of a store outcome, as DIMSE status classes it (PS3.7 C.4). */
public enum StoreStatus {
    SUCCESS, WARNING, FAILURE
}
