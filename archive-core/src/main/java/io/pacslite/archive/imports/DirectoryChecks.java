package io.pacslite.archive.imports;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DICOMDIRs an import found (PS3.10 8, PS3.3 Annex F) checked against the members it read:
 * files a DICOMDIR lists that the import lacks, and files that are there but not what the
 * DICOMDIR says (not DICOM, unreadable, another SOP Instance UID). Members are remembered by
 * their normalised names ({@link ZipNames#normal}) as they are read, from any thread.
 */
final class DirectoryChecks {

    /** The most members remembered: beyond, members are not remembered for the checks. */
    private static final int MAX_REMEMBERED = 1_000_000;
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryChecks.class);

    /** A DICOMDIR found: its member name and what it lists. */
    private record Found(String member, List<DicomDirectory.Reference> references) {
    }

    /** The SOP Instance UID of each DICOM member by normalised name ("" if unreadable). */
    private final Map<String, String> memberUids = new ConcurrentHashMap<>();
    /** The normalised names of members that are not DICOM. */
    private final Set<String> otherMembers = ConcurrentHashMap.newKeySet();
    private final List<Found> found = Collections.synchronizedList(new ArrayList<>());

    /** Remembers a DICOM member and its SOP Instance UID (null if it could not be read). */
    void dicomMember(String name, String sopInstanceUid) {
        if (memberUids.size() < MAX_REMEMBERED) {
            memberUids.put(ZipNames.normal(name), sopInstanceUid == null ? "" : sopInstanceUid);
        }
    }

    /** Remembers a member that is not DICOM. */
    void otherMember(String name) {
        if (otherMembers.size() < MAX_REMEMBERED) {
            otherMembers.add(ZipNames.normal(name));
        }
    }

    /** Notes a DICOMDIR, member {@code name}, and the files it lists. */
    void found(String name, List<DicomDirectory.Reference> references) {
        found.add(new Found(name, references));
    }

    /** Each DICOMDIR's check, once every member is read; {@code importId} names the import in the log. */
    List<ImportReport.DirectoryCheck> check(String importId) {
        List<ImportReport.DirectoryCheck> results = new ArrayList<>();
        for (Found directory : List.copyOf(found)) {
            String folder = ZipNames.folderOf(directory.member());
            List<String> missing = new ArrayList<>();
            List<ImportReport.Failure> mismatched = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (DicomDirectory.Reference reference : directory.references()) {
                String member = folder + reference.fileId();
                String key = ZipNames.normal(member);
                if (!seen.add(key)) {
                    continue;
                }
                String uid = memberUids.get(key);
                if (uid == null) {
                    if (otherMembers.contains(key)) {
                        mismatched.add(new ImportReport.Failure(member, "listed in the DICOMDIR, but not DICOM"));
                    } else if (missing.size() < Import.MAX_LISTED) {
                        missing.add(member);
                    }
                } else if (uid.isEmpty()) {
                    mismatched.add(new ImportReport.Failure(member, "listed in the DICOMDIR, but could not be read"));
                } else if (reference.sopInstanceUID() != null && !reference.sopInstanceUID().equals(uid)) {
                    mismatched.add(new ImportReport.Failure(member, "the DICOMDIR lists SOP Instance UID "
                            + reference.sopInstanceUID() + ", the file has " + uid));
                }
            }
            results.add(new ImportReport.DirectoryCheck(directory.member(), seen.size(), List.copyOf(missing),
                    List.copyOf(mismatched.subList(0, Math.min(mismatched.size(), Import.MAX_LISTED)))));
            if (!missing.isEmpty() || !mismatched.isEmpty()) {
                LOG.info("import {}: the DICOMDIR {} lists {} files the import lacks and {} that do not match",
                        importId, directory.member(), missing.size(), mismatched.size());
            }
        }
        return List.copyOf(results);
    }
}
