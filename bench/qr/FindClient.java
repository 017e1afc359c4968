import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.ElementDictionary;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dimse.message.CFindRsp;
import io.pacslite.dimse.message.StatusType;
import io.pacslite.dimse.net.Association;
import io.pacslite.dimse.net.PresentationContexts;
import io.pacslite.dimse.net.QueryRetrieveScu;
import io.pacslite.dimse.net.RemoteAe;
import io.pacslite.dimse.net.Timeouts;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;

/**
 * The C-FIND client of bench/index/run (docs/benchmarks.md, scenario 10): Study Root, STUDY
 * level C-FIND queries over one kept-open association, the same ones for PACS-lite and for
 * Orthanc, through PACS-lite's own requestor ({@code QueryRetrieveScu}, on the classpath of the
 * shaded pacslite.jar). Each query is timed from the C-FIND-RQ to its final C-FIND-RSP, every
 * pending response (match) read on the way.
 *
 * The data set is the one bench/index/IndexClient.java loads (10,000 studies at 200,000
 * instances; study s is number 10,000,000 + s, patient "Bench^P" + number, ID "P" + number),
 * so the query parameters are drawn the same way as its QIDO-RS ones.
 *
 * Usage:
 *   find SERVER HOST PORT CALLED_AE ROUND STUDIES QUERIES CSV
 *       three kinds of study search, QUERIES each after 20 untimed ones; the parameters are
 *       random from the seed ROUND over STUDIES studies. Appends "server,round,kind,ms,studies"
 *       per query to CSV; prints per kind "kind p50 p95 studies_returned related_instances"
 *       (the sum of NumberOfStudyRelatedInstances over the matches: a check that both servers
 *       computed the same return keys).
 */
public class FindClient {
    static final int WARMUP_QUERIES = 20;

    /** A kind of study search: its matching key. Every query asks for the return keys of a study list. */
    enum Query {
        /** PatientName with a trailing wildcard: the 10 patients whose numbers share all but the last digit. */
        NAME {
            void match(Attributes identifier, Random random, int studies) {
                identifier.setString(Tag.PatientName, VR.PN, "Bench^P" + (10_000_000 + random.nextInt(studies)) / 10 + "*");
            }
        },
        /** PatientID, exact: one study. */
        ID {
            void match(Attributes identifier, Random random, int studies) {
                identifier.setString(Tag.PatientID, VR.LO, "P" + (10_000_000 + random.nextInt(studies)));
            }
        },
        /** StudyDate range of three days: about 1% of the studies. */
        DATE {
            void match(Attributes identifier, Random random, int studies) {
                int day = random.nextInt(334);
                identifier.setString(Tag.StudyDate, VR.DA, studyDate(day) + "-" + studyDate(day + 2));
            }
        };

        abstract void match(Attributes identifier, Random random, int studies);
    }

    /** As Scale.Template.studyDate: day d of the 336 days of 2024 the loader uses. */
    static String studyDate(int day) {
        return String.format("2024%02d%02d", 1 + day / 28, 1 + day % 28);
    }

    /** The return keys of a workstation's or OHIF's study list (without a value: returned, not matched). */
    static final int[] RETURN_KEYS = {Tag.PatientName, Tag.PatientID, Tag.PatientBirthDate, Tag.PatientSex,
            Tag.StudyInstanceUID, Tag.StudyDate, Tag.StudyTime, Tag.AccessionNumber, Tag.StudyID,
            Tag.ReferringPhysicianName, Tag.StudyDescription, Tag.ModalitiesInStudy,
            Tag.NumberOfStudyRelatedSeries, Tag.NumberOfStudyRelatedInstances};

    public static void main(String[] args) throws Exception {
        if (args.length != 9 || !args[0].equals("find")) {
            throw new IllegalArgumentException("usage: find SERVER HOST PORT CALLED_AE ROUND STUDIES QUERIES CSV");
        }
        find(args[1], new RemoteAe(args[2], Integer.parseInt(args[3]), args[4]), Integer.parseInt(args[5]),
                Integer.parseInt(args[6]), Integer.parseInt(args[7]), Path.of(args[8]));
    }

    static Attributes identifier(Query query, Random random, int studies) {
        Attributes identifier = new Attributes(false, RETURN_KEYS.length + 1);
        identifier.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
        for (int tag : RETURN_KEYS) {
            identifier.set(tag, ElementDictionary.vrOf(tag), null);
        }
        query.match(identifier, random, studies);
        return identifier;
    }

    static void find(String server, RemoteAe peer, int round, int studies, int queries, Path csv) throws Exception {
        String sopClass = UID.StudyRootQueryRetrieveInformationModelFind;
        try (Association association = Association.open(peer, "BENCH", PresentationContexts.forQueryRetrieve(sopClass),
                Timeouts.defaults());
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(csv, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND))) {
            for (Query query : Query.values()) {
                Random random = new Random(round * 31L + query.ordinal());
                double[] ms = new double[queries];
                long returned = 0, related = 0;
                for (int i = -WARMUP_QUERIES; i < queries; i++) {
                    Attributes identifier = identifier(query, random, studies);
                    long[] found = {0, 0};
                    long t = System.nanoTime();
                    CFindRsp last = QueryRetrieveScu.find(association, sopClass, identifier, match -> {
                        found[0]++;
                        String n = match.getString(Tag.NumberOfStudyRelatedInstances);
                        found[1] += n == null || n.isBlank() ? 0 : Long.parseLong(n.strip());
                        return true;
                    });
                    double elapsed = (System.nanoTime() - t) / 1e6;
                    if (last.status().type() != StatusType.SUCCESS) {
                        throw new IllegalStateException(server + " " + query + ": " + last.status()
                                + (last.errorComment() == null ? "" : " " + last.errorComment()));
                    }
                    if (i >= 0) {
                        ms[i] = elapsed;
                        returned += found[0];
                        related += found[1];
                        out.printf("%s,%d,%s,%.3f,%d%n", server, round, query.name().toLowerCase(), elapsed, found[0]);
                    }
                }
                Arrays.sort(ms);
                System.out.printf("%s %.2f %.2f %d %d%n", query.name().toLowerCase(), percentile(ms, 50),
                        percentile(ms, 95), returned, related);
            }
        }
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, int p) {
        return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
