package io.pacslite.dicom.dict;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Sequence;
import io.pacslite.dicom.data.Tags;
import io.pacslite.dicom.data.VR;
import java.util.List;

/**
 * The VR of an element whose encoding does not state it: Implicit VR (PS3.5 7.1.3) takes the
 * dictionary's, with the ambiguous ones ("US or SS", "OB or OW", "US or OW") decided as
 * PS3.5 Annex A and PS3.3 say; a UN element of a known public tag is presented with its
 * dictionary VR (PS3.5 6.2.2: UN values are encoded as Implicit VR Little Endian).
 */
public final class VRResolution {

    private VRResolution() {
    }

    /** The VR of {@code tag} in an Implicit VR data set, where {@code context} holds the elements read so far. */
    public static VR implicitVR(int tag, Attributes context, boolean undefinedLength) {
        List<VR> choices = ElementDictionary.vrsOf(tag);
        if (choices.size() <= 1) {
            VR vr = ElementDictionary.vrOf(tag);
            if (vr == null) {
                return VR.UN;
            }
            // An unknown (private) element of undefined length can only be a sequence (PS3.5 7.5).
            return undefinedLength && vr == VR.UN ? VR.SQ : vr;
        }
        if (choices.contains(VR.OB) && choices.contains(VR.OW)) {
            // Encapsulated pixel data is OB (PS3.5 A.4); native data in Implicit VR is OW (PS3.5 A.1).
            return undefinedLength ? VR.OB : VR.OW;
        }
        if (choices.contains(VR.US) && choices.contains(VR.SS)) {
            return pixelRepresentation(context) == 0 ? VR.US : VR.SS;
        }
        if (tag == Tag.LUTData) {
            // A single-entry LUT is US, otherwise OW (PS3.3 C.11.1.1.1).
            long[] descriptor = context.getLongs(Tag.LUTDescriptor);
            return descriptor.length > 0 && descriptor[0] == 1 ? VR.US : VR.OW;
        }
        return choices.get(0);
    }

    /**
     * The VR to show for an element: its own, except that a UN sequence is SQ, a UN Private
     * Creator is LO, and a UN value of a known public tag takes the VR the dictionary gives it.
     */
    public static VR presentedVR(int tag, VR vr, Object value, Attributes context) {
        if (vr != VR.UN) {
            return vr;
        }
        if (value instanceof Sequence) {
            return VR.SQ;
        }
        if (Tags.isPrivateCreator(tag) && value instanceof byte[]) {
            // A Private Creator is LO whatever the encoding said (PS3.5 7.8.1).
            return VR.LO;
        }
        if (Tags.isPrivate(tag) || !ElementDictionary.isKnown(tag) || !(value instanceof byte[])) {
            return VR.UN;
        }
        VR known = implicitVR(tag, context, false);
        return known == VR.SQ ? VR.UN : known;
    }

    /** Pixel Representation (0028,0103) of this data set or the nearest enclosing one; 0 if none says. */
    private static int pixelRepresentation(Attributes context) {
        for (Attributes level = context; level != null; level = level.parent()) {
            if (level.contains(Tag.PixelRepresentation)) {
                return level.getInt(Tag.PixelRepresentation, 0);
            }
        }
        return 0;
    }
}
