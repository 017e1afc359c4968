package io.pacslite.cli;

import io.pacslite.archive.Archive;
import io.pacslite.archive.deid.StudyDeidentification;
import io.pacslite.archive.export.Export;
import io.pacslite.archive.export.FolderExport;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.deid.DeidentificationSettings;
import io.pacslite.dicom.deid.Option;
import io.pacslite.dicom.fileset.DicomDir;
import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.DicomReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@code pacslite export --anonymize PROFILE}: a de-identified copy of a study (PS3.15 Annex E,
 * {@link StudyDeidentification}) written as a folder or a ZIP file, with a DICOMDIR if asked,
 * instead of the stored files. The copy is made in a hidden folder beside the destination and
 * renamed (or zipped) into place at the end; the archive is not changed.
 *
 * <p>PROFILE is {@code basic}, optionally followed by options of the profile, comma-separated:
 * {@code basic,retain-patient-characteristics,clean-descriptors} (the option names of
 * {@code pacslite anonymize --option}).
 */
final class AnonymizedExport {

    /** The one profile: the Basic Application Level Confidentiality Profile. */
    static final String BASIC = "basic";

    private final DeidentificationSettings settings;

    private AnonymizedExport(DeidentificationSettings settings) {
        this.settings = settings;
    }

    /**
     * The export {@code profile} asks for.
     *
     * @throws IllegalArgumentException if it is not {@code basic[,OPTION...]}
     */
    static AnonymizedExport of(String profile) {
        List<String> parts = List.of(profile.split(",", -1));
        if (!parts.getFirst().strip().equals(BASIC)) {
            throw new IllegalArgumentException("--anonymize " + profile + ": the profile is " + BASIC
                    + ", optionally followed by options (" + BASIC + ",retain-patient-characteristics,...)");
        }
        Set<Option> options = EnumSet.noneOf(Option.class);
        parts.subList(1, parts.size()).forEach(label -> options.add(Option.of(label.strip())));
        return new AnonymizedExport(new DeidentificationSettings(options, null, null, Set.of()));
    }

    /**
     * Writes the copy of {@code studyUid} to {@code zip} or, if that is null, to the new folder
     * {@code folder}.
     *
     * @return how many instances, or empty if the study is not stored
     */
    Optional<Integer> write(Archive archive, String studyUid, boolean dicomdir, Path zip, Path folder)
            throws IOException {
        Path work = FolderExport.createSibling(zip != null ? zip : folder);
        try {
            Optional<StudyDeidentification.Report> copy = new StudyDeidentification(archive, settings)
                    .writeTo(studyUid, work);
            if (copy.isEmpty()) {
                return Optional.empty();
            }
            if (dicomdir) {
                arrangeAsFileSet(work);
            }
            if (zip != null) {
                zipInto(work, zip);
            } else {
                Files.move(work, folder, StandardCopyOption.ATOMIC_MOVE);
            }
            copy.get().burnedInAnnotation().forEach(sop -> System.out.println(
                    "warning: the pixels may show burned-in text (not removed): instance " + sop));
            return Optional.of(copy.get().instances());
        } finally {
            FolderExport.deleteTree(work);
        }
    }

    /** Moves each file to its File ID and writes the DICOMDIR beside them (PS3.10 8). */
    private static void arrangeAsFileSet(Path work) throws IOException {
        DicomDir directory = new DicomDir("PACSLITE");
        for (Path file : files(work)) {
            DicomFile header;
            try (DicomReader reader = DicomReader.open(file).stopBeforePixelData()) {
                header = reader.readFile();
            }
            Attributes dataset = header.dataset();
            Path target = work.resolve(directory.add(dataset, header.transferSyntax().uid()).path());
            Files.createDirectories(target.getParent());
            Files.move(file, target);
        }
        try (OutputStream out = Files.newOutputStream(work.resolve(Export.DICOMDIR))) {
            directory.write(out);
        }
    }

    /** Every file under {@code work} as a member of a new ZIP file {@code zip}, named by its path there. */
    private static void zipInto(Path work, Path zip) throws IOException {
        Path temp = Files.createTempFile(zip.toAbsolutePath().getParent(), "." + zip.getFileName() + "-", ".part");
        try {
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(temp))) {
                out.setLevel(Deflater.BEST_SPEED);
                for (Path file : files(work)) {
                    out.putNextEntry(new ZipEntry(work.relativize(file).toString().replace('\\', '/')));
                    Files.copy(file, out);
                    out.closeEntry();
                }
            }
            Files.move(temp, zip, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
