package io.pacslite.dicom.deid;

import io.pacslite.dicom.io.DicomFile;

/**
 * A de-identified instance.
 *
 * @param file the file to write: new File Meta Information, the de-identified data set
 * @param burnedInAnnotation whether its pixels may show identifying text that de-identification
 *     did not remove: Burned In Annotation (0028,0301) says YES, or is missing from an image of
 *     a modality that commonly burns text in (PS3.15 E.3.1, the Clean Pixel Data Option, is not done)
 */
public record Deidentified(DicomFile file, boolean burnedInAnnotation) {
}
