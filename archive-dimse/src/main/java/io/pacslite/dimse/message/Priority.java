package io.pacslite.dimse.message;

import java.util.Arrays;
import java.util.Optional;

/** The Priority (0000,0700) of a C-STORE, C-FIND, C-GET or C-MOVE request, PS3.7 Table E.1-1. */
public enum Priority {
    MEDIUM(0x0000),
    HIGH(0x0001),
    LOW(0x0002);

    private final int code;

    Priority(int code) {
        this.code = code;
    }

    /** The value of (0000,0700). */
    public int code() {
        return code;
    }

    /** The priority with {@code code}, or empty if PS3.7 defines none. */
    public static Optional<Priority> of(int code) {
        return Arrays.stream(values()).filter(priority -> priority.code == code).findFirst();
    }
}
