package io.pacslite.archive.store;

import io.pacslite.dicom.data.UIDs;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The key (relative path, '/' separators) of an instance in a {@link BlobStore}:
 * {@code ab/cd/<StudyUID>/<SeriesUID>/<SOPUID>.dcm}. {@code ab/cd} is the first two bytes
 * (four lowercase hex digits) of the SHA-256 of the Study Instance UID, so the files of a
 * study sit together while studies spread evenly over 65,536 directories. Every UID is
 * checked against PS3.5 9.1 before it becomes part of a path; it is never sanitised.
 */
public final class StorageKeys {

    private static final String SUFFIX = ".dcm";
    private static final int SEGMENTS = 5;
    private static final int MAX_LENGTH = 2 + 1 + 2 + 3 * (1 + UIDs.MAX_LENGTH) + SUFFIX.length();
    private static final HexFormat HEX = HexFormat.of();

    private StorageKeys() {
    }

    /**
     * The key of an instance.
     *
     * @throws IllegalArgumentException if a UID is invalid (PS3.5 9.1), naming the UID and its problem
     */
    public static String of(String studyUid, String seriesUid, String sopUid) {
        requireValidUid("Study Instance UID", studyUid);
        requireValidUid("Series Instance UID", seriesUid);
        requireValidUid("SOP Instance UID", sopUid);
        return prefixOf(studyUid) + '/' + studyUid + '/' + seriesUid + '/' + sopUid + SUFFIX;
    }

    /** Whether {@code key} has exactly the shape {@link #of} produces, with valid UIDs and the matching prefix. */
    public static boolean isValidKey(String key) {
        return problemWith(key) == null;
    }

    /** Throws unless {@code key} is a valid key; the message names the key and its problem. */
    static void requireValidKey(String key) {
        String problem = problemWith(key);
        if (problem != null) {
            throw new IllegalArgumentException("invalid storage key \"" + key + "\": " + problem);
        }
    }

    /** What is wrong with {@code key}, or null if nothing. */
    static String problemWith(String key) {
        if (key == null || key.isEmpty()) {
            return "empty";
        }
        if (key.length() > MAX_LENGTH) {
            return "longer than " + MAX_LENGTH + " characters";
        }
        String[] segments = key.split("/", -1);
        if (segments.length != SEGMENTS) {
            return "not " + SEGMENTS + " segments separated by '/'";
        }
        String file = segments[4];
        if (!file.endsWith(SUFFIX)) {
            return "file name does not end in " + SUFFIX;
        }
        String problem = uidProblem("Study Instance UID", segments[2]);
        if (problem == null) {
            problem = uidProblem("Series Instance UID", segments[3]);
        }
        if (problem == null) {
            problem = uidProblem("SOP Instance UID", file.substring(0, file.length() - SUFFIX.length()));
        }
        if (problem == null && !key.startsWith(prefixOf(segments[2]) + '/')) {
            return "prefix does not match the Study Instance UID";
        }
        return problem;
    }

    private static void requireValidUid(String name, String uid) {
        String problem = uidProblem(name, uid);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    private static String uidProblem(String name, String uid) {
        String problem = UIDs.problemWith(uid);
        return problem == null ? null : "invalid " + name + " \"" + uid + "\": " + problem;
    }

    /** "ab/cd": the first two bytes of SHA-256 over the UID's (ASCII) characters. */
    private static String prefixOf(String studyUid) {
        byte[] hash = Sha256.newDigest().digest(studyUid.getBytes(StandardCharsets.US_ASCII));
        return HEX.toHexDigits(hash[0]) + '/' + HEX.toHexDigits(hash[1]);
    }
}
