package io.pacslite.dicom.io;

import io.pacslite.dicom.data.Attributes;

/**
 * What a Part 10 file holds (PS3.10 section 7): the 128-byte preamble (null if the file had
 * none), the File Meta Information (group 0002, empty if absent), the transfer syntax the
 * data set is encoded in, and the data set.
 */
public record DicomFile(byte[] preamble, Attributes fileMeta, TransferSyntax transferSyntax, Attributes dataset) {
}
