package io.pacslite.dicom.image;

/**
 * How to render a frame for display.
 *
 * @param window   the window to apply to grey-scale images; null for the image's own first
 *     window, else its VOI LUT, else the span of the frame's values (PS3.3 C.11.2)
 * @param invert   whether to show black as white, on top of what MONOCHROME1 already inverts
 * @param overlays whether to draw the image's overlay planes (PS3.3 C.9.2) on it
 */
public record RenderOptions(Window window, boolean invert, boolean overlays) {

    /** The image as it asks to be shown, without its overlays. */
    public static final RenderOptions DEFAULT = new RenderOptions(null, false, false);

    /** Options without overlays. */
    public RenderOptions(Window window, boolean invert) {
        this(window, invert, false);
    }
}
