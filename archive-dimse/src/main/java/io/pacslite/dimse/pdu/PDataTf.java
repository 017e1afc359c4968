package io.pacslite.dimse.pdu;

import java.util.List;

/**
 * P-DATA-TF, PS3.8 section 9.3.5 (PDU type 04H): one or more presentation data values.
 *
 * @param values the presentation data value items, in order
 */
public record PDataTf(List<PresentationDataValue> values) implements Pdu {

    /** Copies the list and checks it is not empty, as PS3.8 section 9.3.5 requires. */
    public PDataTf {
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a P-DATA-TF carries at least one presentation data value");
        }
    }
}
