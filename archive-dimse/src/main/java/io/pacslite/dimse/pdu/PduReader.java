package io.pacslite.dimse.pdu;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads PDUs one at a time from a stream, PS3.8 section 9.3.1: a 6-byte header (type,
 * reserved, 4-byte big-endian length) then the body, which {@link PduCodec} decodes.
 *
 * <p>A PDU longer than the configured maximum is refused before any of its body is read, so
 * a hostile length never becomes a large allocation. The body is read straight into one array
 * of its announced length; the presentation data values of a P-DATA-TF are views of it
 * ({@link Bytes}), not copies.
 *
 * <p>Not thread-safe; one reader per connection.
 */
public final class PduReader {

    private final InputStream in;
    private final long maximumPduLength;

    /**
     * A reader of {@code in} refusing PDUs whose length field exceeds {@code maximumPduLength}.
     * The limit covers every PDU type, so it should be at least the maximum length this side
     * announces (PS3.8 Annex D.1) plus room for A-ASSOCIATE-RQs with many presentation contexts.
     */
    public PduReader(InputStream in, long maximumPduLength) {
        this.in = Objects.requireNonNull(in, "in");
        if (maximumPduLength < 1 || maximumPduLength > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maximum PDU length out of range: " + maximumPduLength);
        }
        this.maximumPduLength = maximumPduLength;
    }

    /**
     * The next PDU, or empty if the stream ended cleanly before its first byte.
     *
     * @throws PduException if the stream ended inside the PDU, or the PDU is too long or malformed
     * @throws IOException  if reading fails
     */
    public Optional<Pdu> read() throws IOException {
        byte[] header = in.readNBytes(PduCodec.HEADER_LENGTH);
        if (header.length == 0) {
            return Optional.empty();
        }
        if (header.length < PduCodec.HEADER_LENGTH) {
            throw new PduException(PduException.Reason.TRUNCATED_HEADER,
                    "stream ended after " + header.length + " of the 6 PDU header bytes");
        }
        int type = header[0] & 0xFF;
        long length = new ByteReader(header, "PDU header").skipThen(2).u32();
        if (length > maximumPduLength) {
            throw new PduException(PduException.Reason.PDU_TOO_LONG,
                    String.format("PDU type %02XH announces %d bytes, above the limit of %d",
                            type, length, maximumPduLength));
        }
        byte[] body = new byte[(int) length];
        int read = in.readNBytes(body, 0, body.length);
        if (read < length) {
            throw new PduException(PduException.Reason.TRUNCATED_BODY, String.format(
                    "stream ended after %d of the %d bytes PDU type %02XH announced", read, length, type));
        }
        return Optional.of(PduCodec.decode(type, body));
    }
}
