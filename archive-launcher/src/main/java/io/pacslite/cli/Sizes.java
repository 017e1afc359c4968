package io.pacslite.cli;

/** Byte counts for people. */
final class Sizes {

    private Sizes() {
    }

    /** {@code bytes} in B, KiB, MiB, GiB or TiB with one decimal. */
    static String human(double bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int unit = 0;
        while (bytes >= 1024 && unit < units.length - 1) {
            bytes /= 1024;
            unit++;
        }
        return unit == 0 ? String.format("%.0f B", bytes) : String.format("%.1f %s", bytes, units[unit]);
    }
}
