package io.pacslite.archive.store;

import java.util.Random;

/** Keys and contents for the journal's tests. */
final class JournalTestFiles {

    private JournalTestFiles() {
    }

    /** The key of instance {@code n} of one series. */
    static String key(int n) {
        return StorageKeys.of("1.2.3", "1.2.3.4", "1.2.3.4." + n);
    }

    /** {@code length} random bytes, the same for the same seed. */
    static byte[] bytes(int seed, int length) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
