package io.pacslite.dicomweb.multipart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MultipartReaderTest {

    private static final String B = "XbX";

    /** The bodies, with CRLF written "~" and a lone LF "^" (a CSV row cannot hold a line break). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "plain|--XbX~Content-Type: a/b~~one~--XbX~Content-Type: a/b~~two~--XbX--~",
        "leading CRLF|~--XbX~Content-Type: a/b~~one~--XbX~Content-Type: a/b~~two~--XbX--~",
        "preamble|This is a preamble.~--XbX~Content-Type: a/b~~one~--XbX~~two~--XbX--~",
        "no final CRLF|--XbX~Content-Type: a/b~~one~--XbX~~two~--XbX--",
        "no close delimiter dashes|--XbX~~one~--XbX~~two~--XbX",
        "transport padding|--XbX  \t~Content-Type: a/b~~one~--XbX ~~two~--XbX--  ~",
        "LF header lines|--XbX^Content-Type: a/b^^one~--XbX^^two~--XbX--^",
        "epilogue|--XbX~~one~--XbX~~two~--XbX--~an epilogue~--XbX~~not a part",
    })
    void readsTwoPartsWhateverTheFraming(String name, String body) throws IOException {
        assertThat(bodies(body.replace("~", "\r\n").replace("^", "\n"))).containsExactly("one", "two");
    }

    @Test
    void keepsBytesThatOnlyLookLikeADelimiter() throws IOException {
        String tricky = "a\r\n--XbY\r\n--Xb\r--XbX-not-at-line-start";
        assertThat(bodies("--XbX\r\n\r\n" + tricky + "\r\n--XbX--")).containsExactly(tricky);
    }

    @Test
    void readsHeadersOfEachPart() throws IOException {
        MultipartReader reader = reader("--XbX\r\nContent-Type: application/dicom\r\nContent-Length: 3\r\n\r\nabc\r\n--XbX--");
        MultipartReader.Part part = reader.next();
        assertThat(part.headers()).containsEntry("content-type", "application/dicom").containsEntry("content-length", "3");
        assertThat(part.contentType().is("application/dicom")).isTrue();
        assertThat(new String(part.body().readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("abc");
        assertThat(reader.next()).isNull();
        assertThat(reader.next()).isNull();
    }

    @Test
    void streamsLargeBinaryPartsAcrossBufferBoundariesEvenReadByteByByte() throws IOException {
        Random random = new Random(7);
        byte[] first = new byte[3 * MultipartReader.BUFFER_SIZE + 17];
        byte[] second = new byte[MultipartReader.BUFFER_SIZE - 3];
        random.nextBytes(first);
        random.nextBytes(second);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] part : List.of(first, second)) {
            body.writeBytes("\r\n--XbX\r\nContent-Type: application/octet-stream\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(part);
        }
        body.writeBytes("\r\n--XbX--\r\n".getBytes(StandardCharsets.US_ASCII));

        MultipartReader reader = new MultipartReader(trickling(body.toByteArray()), B);
        assertThat(reader.next().body().readAllBytes()).isEqualTo(first);
        InputStream secondBody = reader.next().body();
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        for (int b = secondBody.read(); b >= 0; b = secondBody.read()) {
            read.write(b);
        }
        assertThat(read.toByteArray()).isEqualTo(second);
        assertThat(reader.next()).isNull();
    }

    /**
     * Part bodies made of the delimiter's own bytes (near misses of every length, a delimiter
     * cut anywhere by a read), read in reads of random sizes: every part comes back whole.
     */
    @Test
    void findsEveryDelimiterAmongNearMissesWhateverTheReadSizes() throws IOException {
        String boundary = "pacslite-7f3a9c";
        byte[] alphabet = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        Random random = new Random(11);
        for (int round = 0; round < 200; round++) {
            List<byte[]> parts = new ArrayList<>();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int p = random.nextInt(4) + 1; p > 0; p--) {
                byte[] part = nearMisses(random, alphabet, random.nextInt(3 * MultipartReader.BUFFER_SIZE / 2));
                parts.add(part);
                body.writeBytes(("\r\n--" + boundary + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                body.writeBytes(part);
            }
            body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));

            MultipartReader reader = new MultipartReader(randomReads(body.toByteArray(), random), boundary);
            for (byte[] expected : parts) {
                assertThat(reader.next().body().readAllBytes()).as("round %d", round).isEqualTo(expected);
            }
            assertThat(reader.next()).as("round %d", round).isNull();
        }
    }

    /**
     * Random bytes, mostly pieces of the delimiter: its prefixes, suffixes and middles, which
     * line up into near misses of every length. A whole delimiter that the pieces happen to
     * form is broken by changing its last byte.
     */
    private static byte[] nearMisses(Random random, byte[] delimiter, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + delimiter.length);
        while (out.size() < length) {
            if (random.nextInt(4) == 0) {
                out.write(random.nextInt(256));
            } else {
                int from = random.nextInt(delimiter.length);
                out.write(delimiter, from, 1 + random.nextInt(delimiter.length - from));
            }
        }
        byte[] bytes = Arrays.copyOf(out.toByteArray(), length);
        for (int i = 0; i + delimiter.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + delimiter.length, delimiter, 0, delimiter.length)) {
                bytes[i + delimiter.length - 1] = '!';
            }
        }
        return bytes;
    }

    /** A stream whose reads return between 1 byte and a little over a buffer's worth. */
    private static InputStream randomReads(byte[] bytes, Random random) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int most = random.nextBoolean() ? 1 + random.nextInt(40) : 1 + random.nextInt(MultipartReader.BUFFER_SIZE);
                return super.read(b, off, Math.min(len, most));
            }
        };
    }

    @Test
    void skipsThePartsBodyTheCallerDidNotRead() throws IOException {
        MultipartReader reader = reader("--XbX\r\n\r\nunread\r\n--XbX\r\n\r\nread\r\n--XbX--");
        reader.next();
        assertThat(new String(reader.next().body().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("read");
    }

    @Test
    void refusesABodyWithoutTheBoundary() {
        assertThatThrownBy(() -> reader("no boundary here at all").next())
                .isInstanceOf(MultipartException.class).hasMessageContaining("no multipart boundary");
    }

    @Test
    void refusesAPartCutShort() throws IOException {
        MultipartReader reader = reader("--XbX\r\n\r\nthe body stops here");
        InputStream body = reader.next().body();
        assertThatThrownBy(body::readAllBytes).isInstanceOf(MultipartException.class)
                .hasMessageContaining("before its closing boundary");
    }

    @Test
    void refusesOversizedPartHeaders() {
        String header = "X-Padding: " + "a".repeat(MultipartReader.MAX_HEADER_BYTES) + "\r\n";
        assertThatThrownBy(() -> reader("--XbX\r\n" + header + "\r\nbody\r\n--XbX--").next())
                .isInstanceOf(MultipartException.class).hasMessageContaining("headers longer");
    }

    @Test
    void refusesGarbageAfterADelimiter() {
        assertThatThrownBy(() -> reader("--XbXgarbage\r\n\r\nbody\r\n--XbX--").next())
                .isInstanceOf(MultipartException.class);
    }

    private static List<String> bodies(String body) throws IOException {
        MultipartReader reader = reader(body);
        List<String> bodies = new ArrayList<>();
        for (MultipartReader.Part part = reader.next(); part != null; part = reader.next()) {
            bodies.add(new String(part.body().readAllBytes(), StandardCharsets.ISO_8859_1));
        }
        return bodies;
    }

    private static MultipartReader reader(String body) {
        return new MultipartReader(trickling(body.getBytes(StandardCharsets.ISO_8859_1)), B);
    }

    /** A stream that returns at most 7 bytes per read, as a slow network would. */
    private static InputStream trickling(byte[] bytes) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 7));
            }
        };
    }
}
