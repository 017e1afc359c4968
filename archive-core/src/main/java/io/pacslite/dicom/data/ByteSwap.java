package io.pacslite.dicom.data;

/** Reverses the byte order of binary values, unit by unit (PS3.5 7.3). */
public final class ByteSwap {

    private ByteSwap() {
    }

    /** A copy of {@code bytes} with each {@code vr.swapUnit()}-byte unit reversed; the same array if there is nothing to swap. */
    public static byte[] swapped(byte[] bytes, VR vr) {
        int unit = vr.swapUnit();
        if (unit <= 1 || bytes.length < unit) {
            return bytes;
        }
        byte[] result = bytes.clone();
        int whole = bytes.length - bytes.length % unit;
        for (int start = 0; start < whole; start += unit) {
            for (int k = 0; k < unit; k++) {
                result[start + k] = bytes[start + unit - 1 - k];
            }
        }
        return result;
    }
}
