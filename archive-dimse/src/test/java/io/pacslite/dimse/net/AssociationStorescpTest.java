package io.pacslite.dimse.net;

import static io.pacslite.testing.PartTenFiles.datasetBytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dimse.message.Status;
import io.pacslite.dimse.message.StatusType;
import io.pacslite.dimse.testing.Dcmtk;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SCU against dcmtk's storescp as a real process, in bit-preserving mode ({@code +B}): every
 * file arrives, its data set bytes as sent, and dcmdump reads the SOP Instance UID back.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AssociationStorescpTest {

    private static final Path CORPUS = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");
    private static final Pattern SOP_INSTANCE_UID = Pattern.compile("\\(0008,0018\\) UI \\[([0-9.]+)\\]");

    @TempDir
    Path received;
    @TempDir
    Path files;
    private Process storescp;
    private RemoteAe peer;

    @BeforeEach
    void startStorescp() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(Dcmtk.require("storescp").toString(), "-aet", "STORESCP",
                "-od", received.toString(), "+B", "+xa", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("TCP_NODELAY", "1");
        storescp = builder.start();
        peer = new RemoteAe("127.0.0.1", port, "STORESCP");
        awaitListening();
    }

    @AfterEach
    void stopStorescp() throws InterruptedException {
        storescp.destroy();
        storescp.waitFor(10, TimeUnit.SECONDS);
    }

    @Test
    void echoes() throws Exception {
        try (Association association = Association.open(peer, "TESTSCU", PresentationContexts.verification(),
                Timeouts.defaults())) {
            assertThat(association.echo()).isEqualTo(Status.SUCCESS);
        }
    }

    @Test
    void storesFilesThatArriveByteForByte() throws Exception {
        List<Path> sent = new ArrayList<>(Stream.of("CT_small.dcm", "rtplan.dcm", "MR_small_bigendian.dcm",
                "JPEG2000.dcm", "SC_rgb_rle.dcm", "image_dfl.dcm").map(CORPUS::resolve).toList());
        sent.add(AssociationTest.large(files.resolve("large.dcm"), "1.2.826.0.1.3680043.10.1234.4.1", 2_000_000));
        List<StoreRequest> requests = new ArrayList<>();
        for (Path file : sent) {
            requests.add(StoreRequest.of(file));
        }
        List<StoreScu.Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());

        new StoreScu(peer, "TESTSCU", Timeouts.defaults()).send(requests, 1, outcomes::add);

        assertThat(outcomes).hasSize(sent.size())
                .allSatisfy(o -> assertThat(o.type()).as(o.request().file() + ": " + o.describe())
                        .isEqualTo(StatusType.SUCCESS));
        Map<String, Path> arrived = arrivedBySopInstanceUid();
        assertThat(arrived).hasSize(sent.size());
        for (StoreRequest request : requests) {
            Path copy = arrived.get(request.sopInstanceUid());
            assertThat(copy).as("%s arrived", request.file()).isNotNull();
            assertThat(transferSyntaxOf(copy)).isEqualTo(request.transferSyntax().uid());
            assertThat(datasetBytes(copy)).as("data set of %s", request.file())
                    .isEqualTo(evenLength(datasetBytes(request.file())));
        }
    }

    /** The deflated test file is odd; PS3.8 Annex E.1 makes the sender pad it with a NUL. */
    private static byte[] evenLength(byte[] dataset) {
        return dataset.length % 2 == 0 ? dataset : Arrays.copyOf(dataset, dataset.length + 1);
    }

    /** The files storescp wrote, by the SOP Instance UID dcmdump reads from each. */
    private Map<String, Path> arrivedBySopInstanceUid() throws Exception {
        Map<String, Path> bySop = new HashMap<>();
        try (Stream<Path> written = Files.list(received)) {
            for (Path file : written.toList()) {
                Process dcmdump = new ProcessBuilder(Dcmtk.require("dcmdump").toString(), "+P", "SOPInstanceUID",
                        file.toString()).redirectErrorStream(true).start();
                String output = new String(dcmdump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(dcmdump.waitFor(10, TimeUnit.SECONDS)).isTrue();
                Matcher matcher = SOP_INSTANCE_UID.matcher(output);
                assertThat(matcher.find()).as("dcmdump of %s: %s", file, output).isTrue();
                bySop.put(matcher.group(1), file);
            }
        }
        return bySop;
    }

    private static String transferSyntaxOf(Path file) throws IOException {
        try (DicomReader reader = DicomReader.open(file).stopBefore(tag -> true)) {
            return reader.readFile().fileMeta().getString(Tag.TransferSyntaxUID);
        }
    }

    private void awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Association association = Association.open(peer, "TESTSCU", PresentationContexts.verification(),
                    Timeouts.requestor(Duration.ofSeconds(2)))) {
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline || !storescp.isAlive()) {
                    throw new AssertionError("storescp does not listen: " + e.getMessage(), e);
                }
                Thread.sleep(50);
            }
        }
    }
}
