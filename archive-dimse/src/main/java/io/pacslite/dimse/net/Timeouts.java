package io.pacslite.dimse.net;

import java.time.Duration;
import java.util.Objects;

/**
 * The timers of an acceptor association, enforced as socket read timeouts.
 *
 * @param artim the ARTIM timer, PS3.8 section 9.1.5: how long a new connection may take to send
 *              its A-ASSOCIATE-RQ, and how long the peer may take to close the connection after
 *              an A-ASSOCIATE-RJ, A-RELEASE-RP or A-ABORT
 * @param idle  how long an established association (Sta6) may stay silent before it is aborted
 */
public record Timeouts(Duration artim, Duration idle) {

    /** The default ARTIM timeout: 30 seconds. */
    public static final Duration DEFAULT_ARTIM = Duration.ofSeconds(30);

    /** The default idle timeout: 5 minutes. */
    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(5);

    /** Checks both are positive and fit a socket timeout (an int of milliseconds). */
    public Timeouts {
        requireSocketTimeout(Objects.requireNonNull(artim, "artim"), "artim");
        requireSocketTimeout(Objects.requireNonNull(idle, "idle"), "idle");
    }

    /** ARTIM 30 seconds and idle 5 minutes. */
    public static Timeouts defaults() {
        return new Timeouts(DEFAULT_ARTIM, DEFAULT_IDLE);
    }

    private static void requireSocketTimeout(Duration timeout, String name) {
        if (timeout.toMillis() < 1 || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be between 1 ms and about 24 days: " + timeout);
        }
    }
}
