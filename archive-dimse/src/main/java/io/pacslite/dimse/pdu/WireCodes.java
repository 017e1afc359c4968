package io.pacslite.dimse.pdu;

import java.util.function.ToIntFunction;

/** Looks up the enum constant for a code read from the wire. */
final class WireCodes {

    private WireCodes() {
    }

    /** The constant whose code is {@code code}, else {@link PduException.Reason#INVALID_PARAMETER_VALUE}. */
    static <E extends Enum<E>> E decode(E[] values, ToIntFunction<E> codeOf, int code, String field)
            throws PduException {
        for (E value : values) {
            if (codeOf.applyAsInt(value) == code) {
                return value;
            }
        }
        throw new PduException(PduException.Reason.INVALID_PARAMETER_VALUE, field + ": undefined value " + code);
    }
}
