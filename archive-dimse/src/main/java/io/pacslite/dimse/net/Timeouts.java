package io.pacslite.dimse.net;

import java.time.Duration;
import java.util.Objects;

/**
 * The timers of an association, on either side, enforced as socket timeouts.
 *
 * @param artim         the ARTIM timer, PS3.8 section 9.1.5: how long a new connection may take to
 *                      send its A-ASSOCIATE-RQ, and how long the peer may take to close the connection
 *                      after an A-ASSOCIATE-RJ, A-RELEASE-RP or A-ABORT; as requestor also how long to
 *                      wait for the A-ASSOCIATE-AC/RJ and for the A-RELEASE-RP
 * @param idle          how long an established association (Sta6) may stay silent before the
 *                      acceptor aborts it
 * @param connect       how long the requestor waits for the TCP connection (PS3.8 section 9.2,
 *                      TRANSPORT CONNECT, Evt2)
 * @param dimseResponse how long the requestor waits for the response to a DIMSE request before
 *                      it aborts the association (PS3.7 section 9.1); on either side also how long
 *                      a send may stay blocked because the peer takes no data ({@link SendWatch})
 */
public record Timeouts(Duration artim, Duration idle, Duration connect, Duration dimseResponse) {

    /** The default ARTIM timeout: 30 seconds. */
    public static final Duration DEFAULT_ARTIM = Duration.ofSeconds(30);

    /** The default idle timeout: 5 minutes. */
    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(5);

    /** The default connect timeout: 10 seconds. */
    public static final Duration DEFAULT_CONNECT = Duration.ofSeconds(10);

    /** The default DIMSE response timeout: 60 seconds (a C-STORE-RSP waits for an fsync). */
    public static final Duration DEFAULT_DIMSE_RESPONSE = Duration.ofSeconds(60);

    /** Checks every timer is positive and fits a socket timeout (an int of milliseconds). */
    public Timeouts {
        requireSocketTimeout(Objects.requireNonNull(artim, "artim"), "artim");
        requireSocketTimeout(Objects.requireNonNull(idle, "idle"), "idle");
        requireSocketTimeout(Objects.requireNonNull(connect, "connect"), "connect");
        requireSocketTimeout(Objects.requireNonNull(dimseResponse, "dimseResponse"), "dimseResponse");
    }

    /** The acceptor's two timers; connect and DIMSE response take their defaults. */
    public Timeouts(Duration artim, Duration idle) {
        this(artim, idle, DEFAULT_CONNECT, DEFAULT_DIMSE_RESPONSE);
    }

    /** ARTIM 30 seconds, idle 5 minutes, connect 10 seconds, DIMSE response 60 seconds. */
    public static Timeouts defaults() {
        return new Timeouts(DEFAULT_ARTIM, DEFAULT_IDLE, DEFAULT_CONNECT, DEFAULT_DIMSE_RESPONSE);
    }

    /** The defaults with connect, ARTIM and DIMSE response all set to {@code wait}: one bound on every wait of a requestor. */
    public static Timeouts requestor(Duration wait) {
        return new Timeouts(wait, DEFAULT_IDLE, wait, wait);
    }

    /** A timer as socket timeout milliseconds. */
    static int millis(Duration timeout) {
        return (int) timeout.toMillis();
    }

    private static void requireSocketTimeout(Duration timeout, String name) {
        if (timeout.toMillis() < 1 || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be between 1 ms and about 24 days: " + timeout);
        }
    }
}
