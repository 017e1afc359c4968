package io.pacslite.cli;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.io.DicomWriter;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dimse.message.CGetRsp;
import io.pacslite.dimse.message.CStoreRq;
import io.pacslite.dimse.message.Status;
import io.pacslite.dimse.net.Association;
import io.pacslite.dimse.net.PresentationContexts;
import io.pacslite.dimse.net.QueryRetrieveScu;
import io.pacslite.dimse.net.RemoteAe;
import io.pacslite.dimse.net.Timeouts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pacslite get HOST PORT}: C-GET (Query/Retrieve SCU, PS3.4 C.4.3). The peer sends the
 * instances on the same association; each is written to {@code --out} as
 * {@code <SOPInstanceUID>.dcm}, its data set exactly as received. Storage SOP Classes proposed:
 * {@link QueryRetrieveScu#COMMON_STORAGE_SOP_CLASSES} in Explicit and Implicit VR Little Endian,
 * and their image classes in the common compressed syntaxes too (so that compressed instances
 * come as stored), with the SCP role (PS3.7 D.3.3.4). Exit 0 on Success, 1 otherwise, 2 for bad options.
 */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Retrieve instances from a DICOM peer with C-GET into a folder.")
final class GetCommand extends QueryRetrieveCommand {

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".",
            description = "Folder for the received files (created if needed). Default: the current folder.")
    private Path out;

    @Override
    String name() {
        return "get";
    }

    @Override
    void checkOptions() throws IOException {
        Files.createDirectories(out);
    }

    @Override
    int run(RemoteAe peer, Timeouts timeouts, Attributes identifier) throws IOException {
        String sopClass = query.model().get();
        List<String> storage = QueryRetrieveScu.COMMON_STORAGE_SOP_CLASSES;
        AtomicInteger written = new AtomicInteger();
        QueryRetrieveScu.Retrieved<CGetRsp> retrieved;
        try (Association association = Association.open(peer, scu.callingAeTitle,
                PresentationContexts.forGet(sopClass, storage, QueryRetrieveScu.COMPRESSED_IMAGE_SOP_CLASSES,
                        QueryRetrieveScu.COMMON_COMPRESSED_SYNTAXES),
                PresentationContexts.scpRoles(storage), timeouts, scu.tls())) {
            retrieved = QueryRetrieveScu.get(association, sopClass, identifier, (request, syntax, dataset) -> {
                Status status = write(request, syntax, dataset);
                if (status == Status.SUCCESS) {
                    written.incrementAndGet();
                }
                return status;
            }, counts -> { });
        }
        CGetRsp last = retrieved.response();
        System.out.printf("C-GET from %s: %s, %,d instances written into %s%n", peer, last.status(), written.get(), out);
        return RetrieveTally.report("get", peer, last.status(), last.subOperations(), last.errorComment(),
                retrieved.identifier());
    }

    /** Writes one received instance as a Part 10 file: File Meta Information, then the data set bytes as they came. */
    private Status write(CStoreRq request, TransferSyntax syntax, InputStream dataset) throws IOException {
        String sop = request.affectedSopInstanceUid();
        if (!sop.matches("[0-9.]{1,64}")) {
            System.err.println("pacslite get: refused an instance with SOP Instance UID '" + sop + "'");
            return Status.CANNOT_UNDERSTAND;
        }
        Path temp = Files.createTempFile(out, ".get-", ".part");
        try {
            try (OutputStream file = Files.newOutputStream(temp)) {
                new DicomWriter(file).writeFileHeader(null,
                        DicomWriter.createFileMeta(request.affectedSopClassUid(), sop, syntax.uid()));
                dataset.transferTo(file);
            }
            Files.move(temp, out.resolve(sop + ".dcm"), StandardCopyOption.REPLACE_EXISTING);
            return Status.SUCCESS;
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
