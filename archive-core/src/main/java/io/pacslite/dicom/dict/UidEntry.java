package io.pacslite.dicom.dict;

/** One row of the UID registry, PS3.6 Table A-1 (with the SOP Classes of PS3.4 Annex B.5). */
record UidEntry(String uid, String type, String keyword, boolean retired, String name) {

    /** Whether this is a Storage SOP Class, by the rule given at {@link UidRegistry#isStorageSopClass}. */
    boolean isStorageSopClass() {
        return type.equals(UidRegistry.SOP_CLASS) && (name.endsWith(" Storage") || name.contains(" Storage - "));
    }
}
