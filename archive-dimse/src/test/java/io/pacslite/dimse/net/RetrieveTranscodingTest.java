package io.pacslite.dimse.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.archive.ingest.StoreContext;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dimse.association.AcceptancePolicy;
import io.pacslite.dimse.association.AeRules;
import io.pacslite.dimse.testing.Dcmtk;
import io.pacslite.testing.TestPeers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * C-GET and C-MOVE of instances stored compressed to dcmtk's getscu and movescu, whose storage
 * SCPs take only uncompressed transfer syntaxes by default: the archive decompresses them
 * (PS3.4 C.4.2.3, C.4.3.3: the SCP may convert), and their Pixel Data equals dcmtk's own
 * decompression ({@code dcmdrle}, {@code dcmdjpeg +cn}), byte for byte; and C-MOVE of a JPEG-LS
 * instance to a storescp that takes only RLE Lossless: the archive proposes its lossless
 * compressed fallback context and sends RLE, whose pixels dcmtk decodes to what the JPEG-LS
 * holds; and C-GET of it to a getscu offering RLE first, from an archive that prefers RLE.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RetrieveTranscodingTest {

    @TempDir
    Path root;
    @TempDir
    Path out;
    private ArchiveServer server;

    @BeforeEach
    void start() throws IOException {
        server = ArchiveServer.start(root, AeTable.at(root.resolve("ae-table.txt")));
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"MR_small_RLE.dcm", "SC_rgb_jpeg_dcmtk.dcm"})
    void getDecompressesForAPeerThatTakesOnlyUncompressed(String name) throws Exception {
        Attributes stored = store(name);

        Dcmtk.Result result = Dcmtk.run(out.getParent(), "getscu", retrieveCommand(List.of("-aet", "GETSCU",
                "-od", out.toString()), stored));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertDecompressed(name, received());
    }

    @ParameterizedTest
    @ValueSource(strings = {"MR_small_RLE.dcm", "SC_rgb_jpeg_dcmtk.dcm"})
    void moveDecompressesForAPeerThatTakesOnlyUncompressed(String name) throws Exception {
        Attributes stored = store(name);
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        server.aeTable().add(new RemoteAe("127.0.0.1", port, "MOVESCU"));

        Dcmtk.Result result = Dcmtk.run(out.getParent(), "movescu", retrieveCommand(List.of("-aet", "MOVESCU",
                "-aem", "MOVESCU", "--port", Integer.toString(port), "-od", out.toString()), stored));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertDecompressed(name, received());
    }

    @Test
    void moveCompressesLosslesslyForAPeerThatTakesOnlyRle() throws Exception {
        Attributes stored = store("MR_small_jpeg_ls_lossless.dcm");
        Path config = root.resolve("rle-only.cfg");
        Files.writeString(config, String.join("\n", "[[TransferSyntaxes]]", "[RleOnly]",
                "TransferSyntax1 = RLELossless", "[[PresentationContexts]]", "[RleOnly]",
                "PresentationContext1 = MRImageStorage\\RleOnly", "[[Profiles]]", "[RleOnly]",
                "PresentationContexts = RleOnly", ""));
        try (Storescp storescp = Storescp.start(out, "-xf", config.toString(), "RleOnly")) {
            server.aeTable().add(new RemoteAe("127.0.0.1", storescp.port(), "RLEONLY"));

            Dcmtk.Result result = Dcmtk.run(out.getParent(), "movescu", retrieveCommand(List.of("-aet", "MOVESCU",
                    "-aem", "RLEONLY"), stored));

            assertThat(result.exitCode()).as(result.output()).isZero();
            assertLosslessRle(storescp.receivedFiles());
        }
    }

    @Test
    void getCompressesLosslesslyInTheSyntaxTheArchiveAcceptedForTheRequestor() throws Exception {
        server.close();
        AcceptancePolicy defaults = AcceptancePolicy.defaults();
        server = ArchiveServer.start(root.resolve("rle-first"), AeTable.at(root.resolve("ae-table.txt")),
                new AcceptancePolicy(defaults.aeTitle(), false, AeRules.open(), defaults.sopClasses(),
                        List.of(UID.RLELossless, UID.ExplicitVRLittleEndian), defaults.acceptedTransferSyntaxes(),
                        defaults.maxPduLength(), defaults.maxAssociations()));
        Attributes stored = store("MR_small_jpeg_ls_lossless.dcm");

        Dcmtk.Result result = Dcmtk.run(out.getParent(), "getscu", retrieveCommand(List.of("-aet", "GETSCU", "+xr",
                "-od", out.toString()), stored));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertLosslessRle(received());
    }

    /** One file came, in RLE Lossless, whose pixels dcmtk decodes to what the stored JPEG-LS holds. */
    private void assertLosslessRle(List<Path> received) throws Exception {
        assertThat(received).hasSize(1);
        assertThat(read(received.get(0)).transferSyntax().uid()).isEqualTo(UID.RLELossless);
        Path ours = root.resolve("ours.dcm");
        Path reference = root.resolve("reference.dcm");
        assertThat(TestPeers.run(List.of("dcmdrle", received.get(0).toString(), ours.toString()), null)
                .exitCode()).isZero();
        assertThat(TestPeers.run(List.of("dcmdjpls", corpus("MR_small_jpeg_ls_lossless.dcm").toString(),
                reference.toString()), null).exitCode()).isZero();
        assertThat(read(ours).dataset().getBytes(Tag.PixelData))
                .isEqualTo(read(reference).dataset().getBytes(Tag.PixelData));
    }

    /** Stores pydicom's file {@code name} and returns its data set. */
    private Attributes store(String name) throws IOException {
        Path file = corpus(name);
        assertThat(server.archive().store(new ByteArrayInputStream(Files.readAllBytes(file)),
                StoreContext.partTen("test")).isStored()).isTrue();
        try (DicomReader reader = DicomReader.open(file)) {
            return reader.readFile().dataset();
        }
    }

    private List<String> retrieveCommand(List<String> options, Attributes stored) {
        List<String> command = new ArrayList<>(List.of("-S", "-aec", "PACSLITE"));
        command.addAll(options);
        command.addAll(List.of("-k", "QueryRetrieveLevel=IMAGE", "-k", "StudyInstanceUID=" + stored.getString(
                Tag.StudyInstanceUID), "-k", "SeriesInstanceUID=" + stored.getString(Tag.SeriesInstanceUID),
                "-k", "SOPInstanceUID=" + stored.getString(Tag.SOPInstanceUID), "127.0.0.1",
                Integer.toString(server.port())));
        return command;
    }

    /** One file came, in Explicit or Implicit VR Little Endian, with the Pixel Data dcmtk decompresses to. */
    private void assertDecompressed(String name, List<Path> received) throws Exception {
        assertThat(received).hasSize(1);
        Path reference = root.resolve("reference.dcm");
        boolean rle = name.contains("RLE");
        List<String> command = rle ? List.of("dcmdrle", corpus(name).toString(), reference.toString())
                : List.of("dcmdjpeg", "+cn", corpus(name).toString(), reference.toString());
        assertThat(TestPeers.run(command, null).exitCode()).isZero();
        DicomFile got = read(received.get(0));
        assertThat(got.transferSyntax().uid()).isIn(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian);
        assertThat(got.dataset().getBytes(Tag.PixelData)).isEqualTo(read(reference).dataset().getBytes(Tag.PixelData));
    }

    private List<Path> received() throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static Path corpus(String name) {
        return TestPeers.pydicomData().resolve("test_files").resolve(name);
    }

    private static DicomFile read(Path file) throws IOException {
        try (DicomReader reader = DicomReader.open(file)) {
            return reader.readFile();
        }
    }
}
