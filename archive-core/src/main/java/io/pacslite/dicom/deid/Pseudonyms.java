package io.pacslite.dicom.deid;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a de-identified patient is called when the caller gives no name and ID: a keyed hash
 * (HMAC-SHA256, RFC 2104) of the original Patient ID and its issuer, so that the same patient
 * gets the same pseudonym and the same date offset in every export made with the same key, and
 * nobody without the key can go back from the pseudonym to the patient (docs/deidentification.md).
 */
public final class Pseudonyms {

    private static final String ALGORITHM = "HmacSHA256";
    /** The largest date offset, in days: dates move back by 1 to this many days. */
    static final int MAX_DATE_OFFSET_DAYS = 3650;

    private final SecretKeySpec key;

    /** Pseudonyms under {@code key} (at least 16 bytes; the archive keeps a 32-byte one). */
    public Pseudonyms(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("a pseudonym key has at least 16 bytes");
        }
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** The Patient ID for the patient {@code patientId} of {@code issuer}: "ANON" and 12 hex digits. */
    String patientId(String patientId, String issuer) {
        return "ANON" + HexFormat.of().withUpperCase().formatHex(hash("id", patientId, issuer), 0, 6);
    }

    /** The Patient's Name for that patient: family name "ANONYMOUS", given name the pseudonymous ID. */
    String patientName(String patientId, String issuer) {
        return DummyValues.TEXT + "^" + patientId(patientId, issuer);
    }

    /** How far that patient's dates move under the Modified Dates Option: 1 to 3650 days back. */
    DateShift dateShift(String patientId, String issuer) {
        byte[] hash = hash("dates", patientId, issuer);
        int value = (hash[0] & 0xFF) << 16 | (hash[1] & 0xFF) << 8 | hash[2] & 0xFF;
        return new DateShift(-(1 + value % MAX_DATE_OFFSET_DAYS));
    }

    private byte[] hash(String purpose, String patientId, String issuer) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            String text = purpose + '\0' + (patientId == null ? "" : patientId) + '\0' + (issuer == null ? "" : issuer);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }
}
