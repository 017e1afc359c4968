package io.pacslite.cli;

import io.pacslite.archive.Archive;
import io.pacslite.archive.export.FolderExport;
import io.pacslite.archive.index.StoredInstance;
import io.pacslite.archive.tls.TlsClient;
import io.pacslite.archive.tls.TlsSettings;
import io.pacslite.cli.config.ConfigException;
import io.pacslite.cli.config.Configuration;
import io.pacslite.dimse.net.AeTable;
import io.pacslite.dimse.net.RemoteAe;
import io.pacslite.dimse.net.StoreRequest;
import io.pacslite.dimse.net.StoreScu;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pacslite send --study UID --to AE|URL}: sends a study (or one series) from the archive
 * to a DICOM peer of the AE table ({@code pacslite ae list}) with C-STORE ({@link StoreScu}, as
 * C-MOVE and {@code pacslite store} do), or to a DICOMweb server with STOW-RS
 * ({@link StowClient}). The stored files go as they are. While {@code pacslite serve} holds the
 * archive, the study comes from that server as a ZIP into a temp folder first
 * ({@link StudySource}). Exit 0 when the destination took every instance, 1 when any failed or
 * the study is not there, 2 for bad options (an invalid UID, an AE not in the table).
 */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Send a study (or series) to a DICOM AE of the AE table (C-STORE) or a DICOMweb server (STOW-RS).")
final class SendCommand implements Callable<Integer> {

    @Mixin
    private StudyOptions uids;

    @Option(names = "--to", paramLabel = "AE|URL", required = true,
            description = "An AE title of the AE table (pacslite ae list), or the base URL of a DICOMweb server"
                    + " (https://host/dicom-web).")
    private String to;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "A bearer token for the DICOMweb server (STOW-RS only).")
    private String token;

    @Override
    public Integer call() throws Exception {
        Configuration config = uids.configuration();
        if (uids.problem() != null) {
            System.err.println("pacslite send: " + uids.problem());
            return PacsLite.EXIT_BAD_INPUT;
        }
        boolean web = to.startsWith("http://") || to.startsWith("https://");
        Optional<RemoteAe> peer = web ? Optional.empty() : AeTable.at(
                config.dataDirectory().resolve(AeCommand.FILE_NAME), config.moveDestinations()).find(to);
        if (!web && peer.isEmpty()) {
            System.err.println("pacslite send: no AE " + to + " in the AE table (pacslite ae list; pacslite ae add)");
            return PacsLite.EXIT_BAD_INPUT;
        }
        Path temp = null;
        try (StudySource source = uids.open(config)) {
            List<Path> files;
            if (source.archive() != null) {
                files = storedFiles(source.archive());
                source.recordExport("send", uids.study, uids.series);
            } else {
                System.out.println("the archive is in use; downloading the study from the server at "
                        + source.serverUrl());
                temp = Files.createTempDirectory("pacslite-send-");
                files = downloaded(source, temp);
            }
            if (files.isEmpty()) {
                System.err.println("pacslite send: no such " + uids.describe());
                return 1;
            }
            return web ? stow(URI.create(to), files) : cStore(peer.get(), config, files);
        } catch (IOException e) {
            System.err.println("pacslite send: " + e.getMessage());
            return 1;
        } finally {
            if (temp != null) {
                FolderExport.deleteTree(temp);
            }
        }
    }

    /** The stored files of the study or series, in the index's order. */
    private List<Path> storedFiles(Archive opened) {
        List<Path> files = new ArrayList<>();
        for (StoredInstance instance : opened.index().instances(uids.study, uids.series, null)) {
            files.add(opened.blobs().pathOf(instance.fileKey()));
        }
        return files;
    }

    /** The study or series from the server, unpacked under {@code temp}. */
    private List<Path> downloaded(StudySource source, Path temp) throws IOException, InterruptedException {
        Path zip = temp.resolve("study.zip");
        source.downloadZip(uids.study, uids.series, false, null, zip);
        Path folder = temp.resolve("files");
        StudySource.unzip(zip, folder);
        Files.delete(zip);
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /**
     * C-STORE to {@code peer}; to an AE marked {@code tls} in the table, over TLS with the
     * archive's own identity ({@code tls.*} settings, trusting {@code tls.client-ca}), as C-MOVE
     * reaches it, or without one, trusting the JVM's CAs, when the archive has none.
     */
    private int cStore(RemoteAe peer, Configuration config, List<Path> files) throws IOException, ConfigException {
        List<StoreRequest> requests = new ArrayList<>();
        for (Path file : files) {
            requests.add(StoreRequest.of(file));
        }
        StoreTally tally = new StoreTally();
        Instant started = Instant.now();
        Optional<TlsSettings> identity = config.tls();
        TlsClient tls = !peer.tls() ? null
                : identity.isPresent() ? TlsClient.of(identity.get()) : TlsClient.of(Optional.empty(), Optional.empty());
        new StoreScu(peer, config.acceptancePolicy().aeTitle(), config.timeouts(), tls).send(requests, 1, tally);
        StoreCommand.printSummary(peer, tally, Duration.between(started, Instant.now()));
        return tally.failed.get() == 0 ? 0 : 1;
    }

    private int stow(URI base, List<Path> files) throws IOException, InterruptedException {
        StowClient.Result result = new StowClient(base, token).send(files);
        System.out.printf("sent %,d instances to %s: %,d stored, %,d failed%n", files.size(), base, result.stored(),
                result.failed());
        result.failures().forEach(failure -> System.out.println("  " + failure));
        return result.failed() == 0 && result.stored() == files.size() ? 0 : 1;
    }
}
