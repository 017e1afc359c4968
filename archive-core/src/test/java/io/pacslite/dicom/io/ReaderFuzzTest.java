package io.pacslite.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.pacslite.dicom.data.VR;
import io.pacslite.testing.TestPeers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Thousands of mutated copies of corpus files (flipped bytes, cut lengths, huge lengths,
 * garbage, duplicated regions) each end in a {@link DicomFile} or a {@link DicomException}
 * with a reason, within a time and memory bound. Mutants are made from fixed seeds: a failure
 * names the file, the seed and the mutation, and happens again on the next run.
 */
class ReaderFuzzTest {

    private static final int MUTANTS_PER_FILE = 170;
    /** No single read of a mutant (all are under 300 KB) may allocate more than this. */
    private static final long MAX_ALLOCATION_PER_READ = 64L << 20;
    /** A hang detector, not a benchmark: a file's mutants take well under a second each. */
    private static final Duration TIME_PER_FILE = Duration.ofSeconds(60);

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @TempDir
    Path temp;

    /** One way of reading: from a file or a stream of unknown length, with or without the options. */
    private enum Read {
        FILE, FILE_STOP_BEFORE_PIXEL_DATA, FILE_REFERENCE_BULK_DATA,
        STREAM, STREAM_STOP_BEFORE_PIXEL_DATA, STREAM_REFERENCE_BULK_DATA;

        DicomReader open(Path file, byte[] bytes) throws IOException {
            DicomReader reader = name().startsWith("FILE") ? DicomReader.open(file)
                    : new DicomReader(new ByteArrayInputStream(bytes));
            if (name().endsWith("STOP_BEFORE_PIXEL_DATA")) {
                reader.stopBeforePixelData();
            } else if (name().endsWith("REFERENCE_BULK_DATA")) {
                reader.bulkData(BulkDataPolicy.REFERENCE, 64);
            }
            return reader;
        }
    }

    /** A mutated copy and how it was made. */
    private record Mutant(byte[] bytes, String mutation) {
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "test_files/CT_small.dcm", "test_files/liver_1frame.dcm", "test_files/MR_small_implicit.dcm",
        "test_files/MR_small_bigendian.dcm", "test_files/ExplVR_BigEnd.dcm", "test_files/ExplVR_BigEndNoMeta.dcm",
        "test_files/ExplVR_LitEndNoMeta.dcm", "test_files/image_dfl.dcm", "test_files/JPEG-lossy.dcm",
        "test_files/JPEG2000.dcm", "test_files/MR_small_RLE.dcm", "test_files/SC_rgb_rle.dcm",
        "test_files/SC_rgb_jpeg_gdcm.dcm", "test_files/rtplan.dcm", "test_files/rtstruct.dcm",
        "test_files/rtdose.dcm", "test_files/test-SR.dcm", "test_files/reportsi.dcm",
        "test_files/nested_priv_SQ.dcm", "test_files/priv_SQ.dcm", "test_files/UN_sequence.dcm",
        "test_files/badVR.dcm", "test_files/no_meta_group_length.dcm", "test_files/meta_missing_tsyntax.dcm",
        "test_files/dicomdirtests/DICOMDIR", "test_files/dicomdirtests/DICOMDIR-bigEnd",
        "test_files/dicomdirtests/DICOMDIR-implicit", "charset_files/chrH31.dcm",
        "charset_files/chrSQEncoding.dcm", "charset_files/chrX1.dcm", "charset_files/chrArab.dcm"})
    void everyMutantEndsInAValueOrADicomException(String corpusFile) throws IOException {
        assertThat(THREADS.isThreadAllocatedMemoryEnabled()).as("per-thread allocation accounting").isTrue();
        byte[] original = Files.readAllBytes(TestPeers.pydicomData().resolve(corpusFile));
        List<Integer> lengthFields = lengthFields(original);
        List<String> failures = new ArrayList<>();
        String[] current = {"none yet"};
        assertTimeoutPreemptively(TIME_PER_FILE, () -> {
            for (int index = 0; index < MUTANTS_PER_FILE; index++) {
                long seed = corpusFile.hashCode() * 1_000_003L + index;
                Mutant mutant = mutate(original, lengthFields, new Random(seed));
                Path file = temp.resolve("mutant.dcm");
                Files.write(file, mutant.bytes());
                for (Read read : Read.values()) {
                    current[0] = "seed " + seed + ", " + mutant.mutation() + ", read " + read;
                    String failure = readOnce(read, file, mutant.bytes());
                    if (failure != null) {
                        failures.add(corpusFile + ": " + current[0] + ": " + failure);
                    }
                }
            }
        }, () -> "a read of " + corpusFile + " hangs: " + current[0]);
        if (!failures.isEmpty()) {
            fail("%d failures, the first:%n%s", failures.size(),
                    String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
        }
    }

    /** Null if the read ended well (a value or a DicomException with a reason), else what went wrong. */
    private static String readOnce(Read read, Path file, byte[] bytes) {
        long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
        String failure = null;
        try (DicomReader reader = read.open(file, bytes)) {
            assertThat(reader.readFile()).isNotNull();
        } catch (DicomException e) {
            if (e.reason() == null || e.reason().isBlank()) {
                failure = "DicomException without a reason";
            }
        } catch (Throwable e) {
            StackTraceElement[] where = e.getStackTrace();
            failure = e + (where.length > 0 ? " at " + where[0] : "");
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
        if (failure == null && allocated > MAX_ALLOCATION_PER_READ) {
            failure = "allocated " + (allocated >> 20) + " MB for a " + bytes.length + "-byte input";
        }
        return failure;
    }

    /** One to three mutations, chosen by {@code random}. */
    private static Mutant mutate(byte[] original, List<Integer> lengthFields, Random random) {
        byte[] bytes = original;
        List<String> done = new ArrayList<>();
        int count = 1 + (random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0);
        for (int i = 0; i < count && bytes.length > 8; i++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(5)) {
                case 0 -> {
                    int flips = 1 + random.nextInt(8);
                    bytes = bytes.clone();
                    List<Integer> flipped = new ArrayList<>();
                    for (int k = 0; k < flips; k++) {
                        int where = random.nextInt(bytes.length);
                        bytes[where] ^= (byte) (1 + random.nextInt(255));
                        flipped.add(where);
                    }
                    done.add("flip bytes at " + flipped);
                }
                case 1 -> {
                    bytes = java.util.Arrays.copyOf(bytes, at);
                    done.add("truncate at " + at);
                }
                case 2 -> {
                    int field = lengthFields.isEmpty() || random.nextInt(4) == 0
                            ? random.nextInt(bytes.length - 4) : lengthFields.get(random.nextInt(lengthFields.size()));
                    long[] lies = {0xFFFFFFFFL, 0x7FFFFFFFL, 0xFFFFFFF0L, bytes.length + 1L, random.nextInt() | 1, 0};
                    long lie = lies[random.nextInt(lies.length)];
                    bytes = bytes.clone();
                    for (int k = 0; k < 4 && field + k < bytes.length; k++) {
                        bytes[field + k] = (byte) (lie >>> (8 * k));
                    }
                    done.add("length at " + field + " set to 0x" + Long.toHexString(lie));
                }
                case 3 -> {
                    byte[] garbage = new byte[1 + random.nextInt(64)];
                    random.nextBytes(garbage);
                    bytes = splice(bytes, at, garbage);
                    done.add("insert " + garbage.length + " random bytes at " + at);
                }
                default -> {
                    int length = 1 + random.nextInt(Math.min(512, bytes.length - at));
                    int to = random.nextInt(bytes.length);
                    bytes = splice(bytes, to, java.util.Arrays.copyOfRange(bytes, at, at + length));
                    done.add("copy " + length + " bytes from " + at + " to " + to);
                }
            }
        }
        return new Mutant(bytes, String.join(", then ", done));
    }

    private static byte[] splice(byte[] bytes, int at, byte[] inserted) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + inserted.length);
        out.write(bytes, 0, at);
        out.writeBytes(inserted);
        out.write(bytes, at, bytes.length - at);
        return out.toByteArray();
    }

    /**
     * Offsets of likely 4-byte length fields: those of Explicit VR headers with a 32-bit
     * length (PS3.5 Table 7.1-1), and those of items and delimiters (PS3.5 7.5), in either
     * byte order. Found by pattern, not by parsing, so some are false hits; that is fine.
     */
    private static List<Integer> lengthFields(byte[] bytes) {
        List<Integer> fields = new ArrayList<>();
        for (int i = 0; i + 12 <= bytes.length; i += 2) {
            VR vr = VR.ofCode((bytes[i + 4] & 0xFF) << 8 | (bytes[i + 5] & 0xFF));
            if (vr != null && vr.hasLongExplicitHeader() && bytes[i + 6] == 0 && bytes[i + 7] == 0) {
                fields.add(i + 8);
            }
            boolean littleEndianItem = (bytes[i] & 0xFF) == 0xFE && (bytes[i + 1] & 0xFF) == 0xFF && (bytes[i + 3] & 0xFF) == 0xE0;
            boolean bigEndianItem = (bytes[i] & 0xFF) == 0xFF && (bytes[i + 1] & 0xFF) == 0xFE && (bytes[i + 2] & 0xFF) == 0xE0;
            if (littleEndianItem || bigEndianItem) {
                fields.add(i + 4);
            }
        }
        return fields;
    }

    // ---- hand-made cases ----------------------------------------------------------------

    @Test
    void rejectsALengthBombWithoutAllocatingIt(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(explicitLittleEndian(0x00080016, "UI", "1.2.3".getBytes()));
        // (0009,1010) OB claiming 0xFFFFFFF0 bytes, of which 200 follow.
        data.writeBytes(new byte[] {0x09, 0x00, 0x10, 0x10, 'O', 'B', 0, 0, (byte) 0xF0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        data.writeBytes(new byte[200]);
        byte[] bytes = data.toByteArray();
        Path file = Files.write(dir.resolve("bomb.dcm"), bytes);
        for (Read read : Read.values()) {
            assertThat(readOnceWithin(read, file, bytes)).as(read.name()).isNull();
            assertThatThrownBy(() -> readExpectingFailure(read, file, bytes))
                    .isInstanceOf(DicomException.class)
                    .satisfies(e -> assertThat(((DicomException) e).offset()).isEqualTo(14));
        }
    }

    @Test
    void rejectsSequencesNestedTenThousandDeep() {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(explicitLittleEndian(0x00080016, "UI", "1.2.3".getBytes()));
        byte[] sequenceStart = {0x08, 0x00, 0x15, 0x11, 'S', 'Q', 0, 0, -1, -1, -1, -1};
        byte[] itemStart = {(byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0, -1, -1, -1, -1};
        for (int level = 0; level < 10_000; level++) {
            data.writeBytes(sequenceStart);
            data.writeBytes(itemStart);
        }
        byte[] bytes = data.toByteArray();
        assertThatThrownBy(() -> new DicomReader(new ByteArrayInputStream(bytes)).readFile())
                .isInstanceOf(DicomException.class)
                .hasMessageContaining("nested deeper");
    }

    @Test
    void rejectsAnItemDelimiterWithNonzeroLength() {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(explicitLittleEndian(0x00080016, "UI", "1.2.3".getBytes()));
        data.writeBytes(new byte[] {0x08, 0x00, 0x15, 0x11, 'S', 'Q', 0, 0, -1, -1, -1, -1});
        data.writeBytes(new byte[] {(byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0, -1, -1, -1, -1});
        data.writeBytes(new byte[] {(byte) 0xFE, (byte) 0xFF, 0x0D, (byte) 0xE0, 4, 0, 0, 0});
        byte[] bytes = data.toByteArray();
        assertThatThrownBy(() -> new DicomReader(new ByteArrayInputStream(bytes)).readFile())
                .isInstanceOf(DicomException.class)
                .hasMessageContaining("(FFFE,E00D) has length 4")
                .satisfies(e -> assertThat(((DicomException) e).offset()).isEqualTo(bytes.length - 8));
    }

    @Test
    void rejectsASequenceHoldingSomethingOtherThanItems() {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(explicitLittleEndian(0x00080016, "UI", "1.2.3".getBytes()));
        int sequenceAt = data.size();
        data.writeBytes(new byte[] {0x08, 0x00, 0x15, 0x11, 'S', 'Q', 0, 0, -1, -1, -1, -1});
        data.writeBytes(explicitLittleEndian(0x00100010, "PN", "Doe^John".getBytes()));
        byte[] bytes = data.toByteArray();
        assertThatThrownBy(() -> new DicomReader(new ByteArrayInputStream(bytes)).readFile())
                .isInstanceOf(DicomException.class)
                .hasMessageContaining("expected an item")
                .satisfies(e -> assertThat(((DicomException) e).offset()).isEqualTo(sequenceAt + 12));
    }

    private String readOnceWithin(Read read, Path file, byte[] bytes) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> readOnce(read, file, bytes));
    }

    private static void readExpectingFailure(Read read, Path file, byte[] bytes) throws IOException {
        try (DicomReader reader = read.open(file, bytes)) {
            reader.readFile();
        }
    }

    /** An Explicit VR Little Endian element with a 16-bit length (PS3.5 Table 7.1-2). */
    private static byte[] explicitLittleEndian(int tag, String vr, byte[] value) {
        byte[] padded = java.util.Arrays.copyOf(value, value.length + (value.length & 1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) (tag >>> 16), (byte) (tag >>> 24), (byte) tag, (byte) (tag >>> 8),
            (byte) vr.charAt(0), (byte) vr.charAt(1), (byte) padded.length, (byte) (padded.length >>> 8)});
        out.writeBytes(padded);
        return out.toByteArray();
    }
}
