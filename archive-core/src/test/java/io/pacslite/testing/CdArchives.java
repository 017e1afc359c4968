package io.pacslite.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.dicom.io.TransferSyntax;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * CD-like ZIP archives for import tests, made on the fly: instances with extension-less names
 * ({@code IMAGES/I1000000}), a DICOMDIR written by dcmtk's {@code dcmmkdir +r}, and what CDs
 * carry beside them (a PDF report, a JPEG preview, autorun.inf, a viewer program), plus a ZIP
 * nested inside with more instances.
 */
public final class CdArchives {

    /** What {@link #build} made. */
    /**
     * @param zip the ZIP with data descriptors after each member (as Java's ZipOutputStream and
     *     macOS write them)
     * @param sizedZip the same members with their sizes in their headers (as zip(1) and Windows write them)
     */
    public record Cd(Path folder, Path zip, Path sizedZip, String studyUID, Map<String, byte[]> instances,
            Map<String, byte[]> others, Map<String, byte[]> nested) {

        /** Every instance, the DICOMDIR's and the nested ZIP's, by SOP Instance UID's position: member name to bytes. */
        public Map<String, byte[]> allInstances() {
            Map<String, byte[]> all = new LinkedHashMap<>(instances);
            all.putAll(nested);
            return all;
        }
    }

    public static final byte[] PDF = ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
            .getBytes(StandardCharsets.US_ASCII);
    public static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F',
            0, 1, 1, 0, 0, 1, 0, 1, 0, 0, (byte) 0xFF, (byte) 0xD9};
    public static final byte[] AUTORUN = "[autorun]\r\nopen=VIEWER\\VIEWER.EXE\r\nicon=VIEWER\\VIEWER.EXE\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    public static final byte[] EXE = exe();

    private CdArchives() {
    }

    /**
     * Writes {@code count} instances of one study (patient {@code patientId}) as
     * {@code <dir>/CD/IMAGES/I1000000...}, runs {@code dcmmkdir +r} for the DICOMDIR, adds the
     * other files and a nested ZIP of {@code nestedCount} more instances of the same study, and
     * zips it all to {@code <dir>/cd.zip} with members under {@code CD/}.
     */
    public static Cd build(Path dir, String patientId, String studyKey, int count, int nestedCount) throws IOException {
        TestPeers.require("dcmmkdir");
        Path cd = Files.createDirectories(dir.resolve("CD"));
        Path images = Files.createDirectories(cd.resolve("IMAGES"));
        String study = SyntheticInstances.uid(studyKey);
        Map<String, byte[]> instances = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            byte[] file = instance(patientId, studyKey, "1", i + 1);
            String name = String.format("I%07d", 1000000 + i);
            Files.write(images.resolve(name), file);
            instances.put("CD/IMAGES/" + name, file);
        }
        TestPeers.Result made = TestPeers.run(List.of("dcmmkdir", "+r", "+id", cd.toString(), "+D",
                cd.resolve("DICOMDIR").toString(), "IMAGES"), null);
        assertThat(made.exitCode()).as("dcmmkdir: %s %s", made.stdout(), made.stderr()).isZero();
        Map<String, byte[]> others = new LinkedHashMap<>();
        others.put("CD/REPORT.PDF", PDF);
        others.put("CD/PREVIEW.JPG", JPEG);
        others.put("CD/AUTORUN.INF", AUTORUN);
        others.put("CD/VIEWER/VIEWER.EXE", EXE);
        for (Map.Entry<String, byte[]> other : others.entrySet()) {
            Path file = dir.resolve(other.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, other.getValue());
        }
        Map<String, byte[]> nestedInstances = new LinkedHashMap<>();
        for (int i = 0; i < nestedCount; i++) {
            nestedInstances.put("SERIES2/IM" + i, instance(patientId, studyKey, "2", i + 1));
        }
        byte[] nestedZip = zip(nestedInstances);
        Files.write(cd.resolve("EXTRA.ZIP"), nestedZip);
        Map<String, byte[]> nested = new LinkedHashMap<>();
        nestedInstances.forEach((name, bytes) -> nested.put("CD/EXTRA.ZIP!" + name, bytes));

        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("CD/DICOMDIR", Files.readAllBytes(cd.resolve("DICOMDIR")));
        members.putAll(others);
        members.putAll(instances);
        members.put("CD/EXTRA.ZIP", nestedZip);
        Path zip = dir.resolve("cd.zip");
        Files.write(zip, zip(members));
        Path sized = dir.resolve("cd-sized.zip");
        Files.write(sized, zipWithSizes(members));
        return new Cd(cd, zip, sized, study, instances, others, nested);
    }

    /** One small CT instance of study {@code studyKey}, series {@code seriesKey}, as a Part 10 file. */
    public static byte[] instance(String patientId, String studyKey, String seriesKey, int number) {
        return SyntheticInstances.partTen(SyntheticInstances.ct(patientId, SyntheticInstances.uid(studyKey),
                SyntheticInstances.uid(studyKey, seriesKey), SyntheticInstances.uid(studyKey, seriesKey,
                        Integer.toString(number)), 16, number), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }

    /** A ZIP of the members, deflated, in order. */
    public static byte[] zip(Map<String, byte[]> members) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> member : members.entrySet()) {
                zip.putNextEntry(new ZipEntry(member.getKey()));
                zip.write(member.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A ZIP of the members, deflated, each with its sizes and CRC-32 in its local header (no
     * data descriptor), as zip(1) writes them.
     */
    public static byte[] zipWithSizes(Map<String, byte[]> members) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> member : members.entrySet()) {
                byte[] bytes = member.getValue();
                Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
                deflater.setInput(bytes);
                deflater.finish();
                byte[] buffer = new byte[8192];
                long compressed = 0;
                while (!deflater.finished()) {
                    compressed += deflater.deflate(buffer);
                }
                deflater.end();
                CRC32 crc = new CRC32();
                crc.update(bytes);
                ZipEntry entry = new ZipEntry(member.getKey());
                entry.setMethod(ZipEntry.DEFLATED);
                entry.setSize(bytes.length);
                entry.setCompressedSize(compressed);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(bytes);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes a ZIP of {@code members} to {@code out}, each member's bytes made by its writer. */
    public static void zip(OutputStream out, Map<String, MemberWriter> members) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, MemberWriter> member : members.entrySet()) {
                zip.putNextEntry(new ZipEntry(member.getKey()));
                member.getValue().write(zip);
                zip.closeEntry();
            }
        }
    }

    /** Writes one member's bytes. */
    @FunctionalInterface
    public interface MemberWriter {
        void write(OutputStream out) throws IOException;
    }

    /** The regular files under {@code folder}, sorted. */
    public static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return new ArrayList<>(walk.filter(Files::isRegularFile).sorted().toList());
        }
    }

    /** The start of a Windows program ("MZ" and a DOS stub): never run, only kept. */
    private static byte[] exe() {
        byte[] exe = new byte[512];
        exe[0] = 'M';
        exe[1] = 'Z';
        byte[] stub = "This program cannot be run in DOS mode.".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(stub, 0, exe, 78, stub.length);
        return exe;
    }
}
