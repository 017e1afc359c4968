package io.pacslite.dimse.net;

import static io.pacslite.testing.PartTenFiles.datasetBytes;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.ingest.DuplicatePolicy;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.DicomException;
import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.testing.Corpus;
import io.pacslite.testing.TestPeers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of pydicom's corpus that carries a SOP Class UID and a SOP Instance UID, sent by
 * dcmtk's storescu in its own transfer syntax (one storescu run per file, proposing only that
 * file's context, {@code -R}, with the transfer syntax option that fits): the archive must
 * store the data set byte for byte as the original file has it.
 *
 * <p>storescu does not send a file's bytes: it parses the file and writes the data set again.
 * For some files that changes the bytes (listed in {@link #EXCEPTIONS} with the reason), so
 * each file is also sent to dcmtk's storescp in bit-preserving mode, which writes exactly what
 * arrived: the archive must always store what storescp received, and, unless listed, that
 * must be the original. A listed file must really differ, so the list cannot go stale
 * silently. Files storescu cannot read are listed as not sent, with dcmtk's reason; files
 * the archive rightly refuses, with the status.
 *
 * <p>Files that are not DICOM ({@link DicomReader#looksLikeDicom}: text, JSON, gzip) and DICOM
 * files without a SOP Class or SOP Instance UID (DICOMDIRs, bare test data sets) are out of
 * scope; {@link #OUT_OF_SCOPE} lists them.
 *
 * <p>Instances of the corpus share SOP Instance UIDs (MR_small in eight encodings), so the
 * archive replaces duplicates: the file stored for a UID is the one sent last.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DimseServerCorpusInteropTest {

    /** What happens to a corpus file. */
    enum Outcome {
        /** Stored, data set bytes identical to the original file's. */
        STORED_AS_IS,
        /** storescu changes the bytes when it writes the data set; stored as storescu sent it. */
        STORED_AS_DCMTK_SENT,
        /** storescu cannot read or send the file: it exits with an error and nothing is stored. */
        NOT_SENT_BY_DCMTK,
    }

    /** The expected outcome of a file and why. */
    record Expected(Outcome outcome, String why) {
    }

    private static final Expected AS_IS = new Expected(Outcome.STORED_AS_IS, "");

    private static final String GROUP_LENGTHS =
            "storescu writes group lengths (gggg,0000) it recomputes: the file's are wrong";
    private static final String SEQUENCE_LENGTHS =
            "storescu changes the length form (defined/undefined) of sequences and items";
    private static final String TRAILING_PADDING = "storescu drops Data Set Trailing Padding (FFFC,FFFC)";
    private static final String ENCAPSULATED_VR = "storescu writes encapsulated Pixel Data with VR OB, the file has OW";
    private static final String DEFLATE = "storescu inflates the data set and deflates it again, at its own level";
    private static final String MISLABELLED = "the data set is implicit VR while its File Meta names an explicit VR "
            + "syntax: storescu finds no SOP Class or Instance UID";

    /** Paths relative to pydicom's data folder. */
    static final Map<String, Expected> EXCEPTIONS = Map.ofEntries(
            asSent("charset_files/chrJapMulti.dcm", GROUP_LENGTHS),
            asSent("charset_files/chrKoreanMulti.dcm", GROUP_LENGTHS),
            asSent("test_files/693_J2KI.dcm", GROUP_LENGTHS + "; " + SEQUENCE_LENGTHS),
            asSent("test_files/CT_small.dcm", TRAILING_PADDING),
            asSent("test_files/JPEG-lossy.dcm", SEQUENCE_LENGTHS),
            asSent("test_files/JPEG2000-embedded-sequence-delimiter.dcm", SEQUENCE_LENGTHS),
            asSent("test_files/JPEG2000.dcm", SEQUENCE_LENGTHS),
            asSent("test_files/JPGExtended.dcm", SEQUENCE_LENGTHS),
            asSent("test_files/MR_small.dcm", TRAILING_PADDING),
            asSent("test_files/MR_small_RLE.dcm", TRAILING_PADDING),
            asSent("test_files/MR_small_expb.dcm", TRAILING_PADDING),
            asSent("test_files/MR_small_jp2klossless.dcm", TRAILING_PADDING + "; " + ENCAPSULATED_VR),
            asSent("test_files/MR_small_jpeg_ls_lossless.dcm", TRAILING_PADDING + "; " + ENCAPSULATED_VR),
            asSent("test_files/MR_small_padded.dcm", TRAILING_PADDING),
            asSent("test_files/SC_rgb_gdcm_KY.dcm", SEQUENCE_LENGTHS),
            asSent("test_files/SC_rgb_jpeg_lossy_gdcm.dcm", SEQUENCE_LENGTHS),
            asSent("test_files/SC_rgb_rle_16bit.dcm", ENCAPSULATED_VR),
            asSent("test_files/SC_rgb_rle_16bit_2frame.dcm", ENCAPSULATED_VR),
            asSent("test_files/dicomdirtests/98892001/CT2N/6293", SEQUENCE_LENGTHS),
            asSent("test_files/dicomdirtests/98892001/CT2N/6924", SEQUENCE_LENGTHS),
            asSent("test_files/dicomdirtests/98892001/CT5N/2062", SEQUENCE_LENGTHS),
            asSent("test_files/dicomdirtests/98892001/CT5N/2392", SEQUENCE_LENGTHS),
            asSent("test_files/dicomdirtests/98892001/CT5N/2693", SEQUENCE_LENGTHS),
            asSent("test_files/dicomdirtests/98892001/CT5N/3023", SEQUENCE_LENGTHS),
            asSent("test_files/dicomdirtests/98892001/CT5N/3353", SEQUENCE_LENGTHS),
            asSent("test_files/image_dfl.dcm", DEFLATE),
            asSent("test_files/liver_1frame.dcm", SEQUENCE_LENGTHS),
            asSent("test_files/reportsi.dcm", SEQUENCE_LENGTHS),
            asSent("test_files/rtstruct.dcm", SEQUENCE_LENGTHS),
            asSent("test_files/waveform_ecg.dcm", SEQUENCE_LENGTHS),
            notSent("test_files/MR_truncated.dcm", "the file ends inside Pixel Data: storescu cannot read it"),
            notSent("test_files/rtplan_truncated.dcm", "the file ends inside a value: storescu cannot read it"),
            notSent("test_files/SC_rgb_jpeg.dcm", "the data set is implicit VR while its File Meta says JPEG "
                    + "Baseline: storescu misreads it"),
            notSent("test_files/rtdose_rle.dcm", MISLABELLED),
            notSent("test_files/rtdose_rle_1frame.dcm", MISLABELLED));

    /**
     * The corpus files without a SOP Class and SOP Instance UID that our reader sees (besides
     * {@link #EXCEPTIONS}): not DICOM, DICOMDIRs, and bare test data sets of a few elements.
     */
    static final List<String> OUT_OF_SCOPE = List.of(
            "charset_files/FileInfo.txt", "charset_files/chrSQEncoding.dcm", "charset_files/chrSQEncoding1.dcm",
            "test_files/README.txt", "test_files/UN_sequence.dcm", "test_files/dicomdirtests/DICOMDIR",
            "test_files/dicomdirtests/DICOMDIR-bigEnd", "test_files/dicomdirtests/DICOMDIR-empty.dcm",
            "test_files/dicomdirtests/DICOMDIR-implicit", "test_files/dicomdirtests/DICOMDIR-nooffset",
            "test_files/dicomdirtests/DICOMDIR-nopatient", "test_files/dicomdirtests/DICOMDIR-reordered",
            "test_files/dicomdirtests/README.txt", "test_files/dicomdirtests/TINY_ALPHA/DICOMDIR",
            "test_files/dicomdirtests/TINY_ALPHA/README", "test_files/empty_charset_LEI.dcm",
            "test_files/meta_missing_tsyntax.dcm", "test_files/nested_priv_SQ.dcm", "test_files/no_meta.dcm",
            "test_files/no_meta_group_length.dcm", "test_files/priv_SQ.dcm", "test_files/rtplan.dump",
            "test_files/rtstruct.dump", "test_files/test1.json", "test_files/test_PN.json", "test_files/zipMR.gz");

    private static Map.Entry<String, Expected> asSent(String name, String why) {
        return entry(name, new Expected(Outcome.STORED_AS_DCMTK_SENT, why));
    }

    private static Map.Entry<String, Expected> notSent(String name, String why) {
        return entry(name, new Expected(Outcome.NOT_SENT_BY_DCMTK, why));
    }

    @TempDir
    static Path root;
    @TempDir
    static Path received;
    private static ArchiveServer server;
    private static Storescp storescp;

    @BeforeAll
    static void start() throws Exception {
        server = ArchiveServer.start(root, ArchiveConfig.DEFAULTS.withDuplicatePolicy(DuplicatePolicy.REPLACE)
                .withFsync(false), Timeouts.defaults());
        storescp = Storescp.start(received);
    }

    @AfterAll
    static void stop() throws Exception {
        if (storescp != null) {
            storescp.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** A corpus file in scope: its path from pydicom's data folder, and what our reader found in it. */
    record CorpusFile(String name, Path path, String sopClass, String sopInstance, String transferSyntax) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<CorpusFile> corpusFiles() {
        return inScope(true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusFiles")
    void storesWhatStorescuSendsByteForByte(CorpusFile file) throws Exception {
        Expected expected = EXCEPTIONS.getOrDefault(file.name(), AS_IS);
        List<String> options = List.of("-R", proposal(file.transferSyntax()));
        long before = server.archive().index().stats().instances();

        Storescu.Result result = Storescu.run(server.port(), options, file.path());

        if (expected.outcome() == Outcome.NOT_SENT_BY_DCMTK) {
            assertThat(result.exitCode()).as(expected.why() + "\n" + result.output()).isNotZero();
            assertThat(result.output()).doesNotContain("Received Store Response");
            assertThat(server.archive().index().stats().instances()).isEqualTo(before);
            return;
        }
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Received Store Response (Success)");
        byte[] stored = datasetBytes(server.storedFile(file.sopInstance()));
        byte[] sent = sentByStorescu(file, options);
        assertThat(stored).as("%s: stored data set = what storescu sent", file).isEqualTo(sent);
        if (expected.outcome() == Outcome.STORED_AS_IS) {
            assertThat(stored).as("%s: stored data set = the original's", file)
                    .isEqualTo(datasetBytes(file.path()));
        } else {
            assertThat(sent).as("listed because " + expected.why() + ", yet storescu sent the original bytes")
                    .isNotEqualTo(datasetBytes(file.path()));
        }
    }

    /** The listed files exist and are in scope: the list names no file by mistake. */
    @Test
    void everyListedFileIsInScope() {
        assertThat(inScope(true).map(CorpusFile::name)).containsAll(EXCEPTIONS.keySet());
    }

    @Test
    void outOfScopeFilesAreTheListedOnes() {
        assertThat(inScope(false).map(CorpusFile::name)).containsExactlyInAnyOrderElementsOf(OUT_OF_SCOPE);
    }

    /** The data set storescp received from storescu run with the same options. */
    private static byte[] sentByStorescu(CorpusFile file, List<String> options) throws Exception {
        storescp.clear();
        Storescu.Result result = Storescu.run(storescp.port(), options, file.path());
        assertThat(result.exitCode()).as("storescu to storescp\n" + result.output()).isZero();
        List<Path> files = storescp.receivedFiles();
        assertThat(files).hasSize(1);
        return datasetBytes(files.getFirst());
    }

    /** The storescu option proposing {@code transferSyntax} (and the uncompressed ones). */
    private static String proposal(String transferSyntax) {
        return switch (transferSyntax) {
            case UID.ImplicitVRLittleEndian -> "-xi";
            case UID.ExplicitVRBigEndian -> "-xb";
            case UID.DeflatedExplicitVRLittleEndian -> "-xd";
            case UID.JPEGBaseline8Bit -> "-xy";
            case UID.JPEGExtended12Bit -> "-xx";
            case UID.JPEGLosslessSV1 -> "-xs";
            case UID.JPEGLSLossless -> "-xt";
            case UID.JPEGLSNearLossless -> "-xu";
            case UID.JPEG2000Lossless -> "-xv";
            case UID.JPEG2000 -> "-xw";
            case UID.RLELossless -> "-xr";
            default -> "-xe";
        };
    }

    /** The corpus files in scope ({@code true}: with both UIDs, or listed) or out of it. */
    private static Stream<CorpusFile> inScope(boolean inScope) {
        Path data = TestPeers.pydicomData();
        return Corpus.allFiles().stream().map(path -> describe(data, path))
                .filter(file -> (file.sopClass() != null && file.sopInstance() != null
                        || EXCEPTIONS.containsKey(file.name())) == inScope);
    }

    /**
     * What our reader finds in a file up to its SOP Instance UID (a file may be truncated
     * after it); UIDs null when it is not DICOM or has none.
     */
    private static CorpusFile describe(Path data, Path path) {
        String name = data.relativize(path).toString();
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(132);
            if (!DicomReader.looksLikeDicom(head, head.length)) {
                return new CorpusFile(name, path, null, null, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (DicomReader reader = DicomReader.open(path)
                .stopBefore(tag -> Integer.compareUnsigned(tag, Tag.SOPInstanceUID) > 0)) {
            DicomFile dicom = reader.readFile();
            Attributes dataset = dicom.dataset();
            return new CorpusFile(name, path, dataset.getString(Tag.SOPClassUID), dataset.getString(Tag.SOPInstanceUID),
                    Objects.requireNonNullElse(dicom.fileMeta().getString(Tag.TransferSyntaxUID),
                            dicom.transferSyntax().uid()));
        } catch (DicomException e) {
            throw new AssertionError("our reader cannot read the header of " + name + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
