package io.pacslite.dicom.image;

/**
 * How to render a frame for display.
 *
 * @param window the window to apply to grey-scale images; null for the image's own first
 *     window, else its VOI LUT, else the span of the frame's values (PS3.3 C.11.2)
 * @param invert whether to show black as white, on top of what MONOCHROME1 already inverts
 */
public record RenderOptions(Window window, boolean invert) {

    /** The image as it asks to be shown. */
    public static final RenderOptions DEFAULT = new RenderOptions(null, false);
}
