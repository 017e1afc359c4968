import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.ingest.StoreContext;
import io.pacslite.archive.ingest.StoreResult;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.DicomWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Scale curve of ingest: stores N synthetic small instances (64x64, 16-bit) into a fresh
 * archive, STEP at a time, with THREADS threads storing at once, and after each step prints
 * "indexed_count,instances_per_second" for that step (also to CSV). Layout: one patient per
 * study, 5 series per study, 100 instances per series. The Part 10 bytes come from one template
 * written once with DicomWriter; per instance only the digits of the UIDs, IDs and study date are
 * patched. bench/index/IndexClient.java sends the same instances to servers (as STOW-RS bodies).
 * Before the measured run a throwaway archive takes WARMUP instances so the JIT is warm.
 *
 * Usage: java -cp pacslite.jar Scale.java DIR N STEP THREADS FSYNC(true|false) CSV [WARMUP]
 */
public class Scale {
    static final String MARK = "19876543"; // the 8-digit study number in the template
    static final String DATE = "20240101"; // the study date in the template

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long total = Long.parseLong(args[1]);
        long step = Long.parseLong(args[2]);
        int threads = Integer.parseInt(args[3]);
        boolean fsync = Boolean.parseBoolean(args[4]);
        Path csv = Path.of(args[5]);
        long warmup = args.length > 6 ? Long.parseLong(args[6]) : 10_000;
        ArchiveConfig config = ArchiveConfig.DEFAULTS.withFsync(fsync);

        Template template = new Template(5, 100);
        long t0 = System.nanoTime();
        long sink = 0;
        for (int i = 0; i < 100_000; i++) {
            sink += template.instance(i)[200];
        }
        System.err.printf("generating one instance (template patch, %d bytes): %.2f us%s%n", template.bytes.length,
                (System.nanoTime() - t0) / 1e3 / 100_000, sink == 42 ? " " : "");

        deleteTree(dir);
        if (warmup > 0) {
            try (Archive archive = Archive.open(dir.resolve("warmup"), config)) {
                runStep(archive, template, new AtomicLong(0), warmup, threads);
            }
            deleteTree(dir.resolve("warmup"));
            System.err.printf("warm-up: %,d instances in a throwaway archive%n", warmup);
        }

        long started = System.nanoTime();
        try (Archive archive = Archive.open(dir.resolve("archive"), config);
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(csv))) {
            out.println("indexed_count,instances_per_second");
            AtomicLong next = new AtomicLong(0);
            for (long end = Math.min(step, total); ; end = Math.min(end + step, total)) {
                long stepStart = next.get();
                long t = System.nanoTime();
                runStep(archive, template, next, end, threads);
                double rate = (end - stepStart) / ((System.nanoTime() - t) / 1e9);
                String line = String.format("%d,%.0f", end, rate);
                out.println(line);
                out.flush();
                System.out.println(line);
                System.err.printf("  %,d indexed, %,.0f instances/s, %.0f s elapsed%n", end, rate,
                        (System.nanoTime() - started) / 1e9);
                if (end >= total) {
                    break;
                }
            }
            var stats = archive.index().stats();
            System.err.printf("index: %,d patients, %,d studies, %,d series, %,d instances%n",
                    stats.patients(), stats.studies(), stats.series(), stats.instances());
            if (stats.instances() != total) {
                throw new IllegalStateException("index holds " + stats.instances() + " instances, expected " + total);
            }
        }
    }

    /** Stores instances next..end-1 with {@code threads} threads; fails on the first instance not stored. */
    static void runStep(Archive archive, Template template, AtomicLong next, long end, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Void>> jobs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                jobs.add(() -> {
                    for (long n; (n = next.getAndIncrement()) < end; ) {
                        StoreResult result = archive.store(new ByteArrayInputStream(template.instance(n)),
                                StoreContext.partTen("bench"));
                        if (!result.isStored()) {
                            throw new IllegalStateException("instance " + n + " not stored: " + result);
                        }
                    }
                    return null;
                });
            }
            for (var job : pool.invokeAll(jobs)) {
                job.get();
            }
            next.set(end); // every thread overshot by one
        } finally {
            pool.shutdown();
        }
    }

    /**
     * A Part 10 instance written once; instance(n) patches the study number, series and instance
     * digits and the study date. Instance n is in study n / (seriesPerStudy * instancesPerSeries),
     * whose number is 10,000,000 + that (patient "Bench^P" + number, ID "P" + number, one patient a
     * study) and whose date is one of 336 days of 2024, the month and day from the study number.
     */
    static final class Template {
        final byte[] bytes;
        final int[] studyAt;   // offsets of MARK
        final int[] seriesAt;  // offsets of the series digit
        final int[] instanceAt; // offsets of the 3 instance digits
        final int dateAt;       // offset of the study date
        final int seriesPerStudy;
        final int instancesPerSeries;

        /** At most 9 series per study and 900 instances per series (the digits patched). */
        Template(int seriesPerStudy, int instancesPerSeries) throws IOException {
            if (seriesPerStudy > 9 || instancesPerSeries > 900) {
                throw new IllegalArgumentException("at most 9 series of 900 instances per study");
            }
            this.seriesPerStudy = seriesPerStudy;
            this.instancesPerSeries = instancesPerSeries;
            String study = "2.25.4242." + MARK;
            String series = study + ".7";
            String sop = series + ".777";
            Attributes ds = new Attributes(false, 40);
            ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
            ds.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
            ds.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
            ds.setString(Tag.SOPInstanceUID, VR.UI, sop);
            ds.setString(Tag.StudyDate, VR.DA, DATE);
            ds.setString(Tag.StudyTime, VR.TM, "080000");
            ds.setString(Tag.AccessionNumber, VR.SH, "A" + MARK);
            ds.setString(Tag.Modality, VR.CS, "CT");
            ds.setString(Tag.StudyDescription, VR.LO, "Scale bench");
            ds.setString(Tag.SeriesDescription, VR.LO, "Axial");
            ds.setString(Tag.PatientName, VR.PN, "Bench^P" + MARK);
            ds.setString(Tag.PatientID, VR.LO, "P" + MARK);
            ds.setString(Tag.PatientBirthDate, VR.DA, "19700101");
            ds.setString(Tag.PatientSex, VR.CS, "F");
            ds.setString(Tag.StudyInstanceUID, VR.UI, study);
            ds.setString(Tag.SeriesInstanceUID, VR.UI, series);
            ds.setString(Tag.StudyID, VR.SH, "1");
            ds.setInts(Tag.SeriesNumber, VR.IS, 1);
            ds.setInts(Tag.InstanceNumber, VR.IS, 1);
            ds.setInts(Tag.SamplesPerPixel, VR.US, 1);
            ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
            ds.setInts(Tag.Rows, VR.US, 64);
            ds.setInts(Tag.Columns, VR.US, 64);
            ds.setInts(Tag.BitsAllocated, VR.US, 16);
            ds.setInts(Tag.BitsStored, VR.US, 12);
            ds.setInts(Tag.HighBit, VR.US, 11);
            ds.setInts(Tag.PixelRepresentation, VR.US, 0);
            byte[] pixels = new byte[64 * 64 * 2];
            for (int i = 1; i < pixels.length; i += 2) {
                pixels[i] = 4; // 1024 little-endian: no ASCII digits in the pixel data
            }
            ds.set(Tag.PixelData, VR.OW, pixels);
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            new DicomWriter(buf).writeFile(null,
                    DicomWriter.createFileMeta(UID.CTImageStorage, sop, UID.ExplicitVRLittleEndian), ds);
            bytes = buf.toByteArray();
            byte[] mark = MARK.getBytes(StandardCharsets.US_ASCII);
            List<Integer> s = new ArrayList<>(), se = new ArrayList<>(), in = new ArrayList<>();
            for (int o = 0; o + mark.length <= bytes.length; o++) {
                if (Arrays.equals(bytes, o, o + mark.length, mark, 0, mark.length)) {
                    s.add(o);
                    int p = o + mark.length;
                    if (p + 1 < bytes.length && bytes[p] == '.' && bytes[p + 1] == '7') {
                        se.add(p + 1);
                        if (p + 5 < bytes.length && bytes[p + 2] == '.' && bytes[p + 3] == '7' && bytes[p + 4] == '7'
                                && bytes[p + 5] == '7') {
                            in.add(p + 3);
                        }
                    }
                }
            }
            studyAt = s.stream().mapToInt(Integer::intValue).toArray();
            seriesAt = se.stream().mapToInt(Integer::intValue).toArray();
            instanceAt = in.stream().mapToInt(Integer::intValue).toArray();
            // study UID, accession, patient name, patient ID, series UID, SOP UID twice (meta + dataset)
            dateAt = indexOf(bytes, DATE.getBytes(StandardCharsets.US_ASCII));
            if (studyAt.length != 7 || seriesAt.length != 3 || instanceAt.length != 2 || dateAt < 0) {
                throw new IllegalStateException("template markers: " + studyAt.length + "/" + seriesAt.length + "/"
                        + instanceAt.length + "/" + dateAt);
            }
        }

        int perStudy() {
            return seriesPerStudy * instancesPerSeries;
        }

        /** The study number of instance n (patient "Bench^P" + it, ID "P" + it). */
        long studyNumber(long n) {
            return 10_000_000 + n / perStudy();
        }

        /** The study date (YYYYMMDD) of the study with this number. */
        static String studyDate(long studyNumber) {
            int day = (int) (studyNumber % 336);
            return String.format("2024%02d%02d", 1 + day / 28, 1 + day % 28);
        }

        private static int indexOf(byte[] haystack, byte[] needle) {
            for (int o = 0; o + needle.length <= haystack.length; o++) {
                if (Arrays.equals(haystack, o, o + needle.length, needle, 0, needle.length)) {
                    return o;
                }
            }
            return -1;
        }

        byte[] instance(long n) {
            byte[] b = bytes.clone();
            long study = studyNumber(n);
            int series = 1 + (int) (n / instancesPerSeries % seriesPerStudy);
            int instance = 100 + (int) (n % instancesPerSeries);
            for (int o : studyAt) {
                long v = study;
                for (int i = 7; i >= 0; i--, v /= 10) {
                    b[o + i] = (byte) ('0' + v % 10);
                }
            }
            for (int o : seriesAt) {
                b[o] = (byte) ('0' + series);
            }
            for (int o : instanceAt) {
                b[o] = (byte) ('0' + instance / 100);
                b[o + 1] = (byte) ('0' + instance / 10 % 10);
                b[o + 2] = (byte) ('0' + instance % 10);
            }
            byte[] date = studyDate(study).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(date, 0, b, dateAt, date.length);
            return b;
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
