package io.pacslite.dicom.image;

import java.io.IOException;

/** Decodes one frame of a Pixel Data value, without decoding the others. */
interface FrameDecoder {

    /** Frame {@code index} (0 for the first). */
    FrameSamples decode(int index) throws IOException;
}
