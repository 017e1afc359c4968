/**
 * DIMSE command messages (PS3.7 section 9.3) as immutable values, and a pure codec between
 * them and command sets encoded in Implicit VR Little Endian (PS3.7 section 6.3.1). Nothing
 * here touches a socket: the data set that may follow a command travels separately, in its
 * own presentation data values.
 *
 * <p>{@link io.pacslite.dimse.message.CommandCodec} turns a
 * {@link io.pacslite.dimse.message.DimseMessage} into command set bytes and back. A command set
 * that cannot be understood is a {@link io.pacslite.dimse.message.DimseException} naming the
 * failure {@link io.pacslite.dimse.message.Status} to answer with.
 */
package io.pacslite.dimse.message;
