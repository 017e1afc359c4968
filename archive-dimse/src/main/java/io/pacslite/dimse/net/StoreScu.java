package io.pacslite.dimse.net;

import io.pacslite.archive.tls.TlsClient;
import io.pacslite.dimse.message.CStoreRsp;
import io.pacslite.dimse.message.StatusType;
import io.pacslite.dimse.pdu.AeTitles;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Storage SCU (PS3.4 Annex B) for many instances: sends each {@link StoreRequest} once
 * with C-STORE over as few associations as PS3.8's limit of 128 presentation contexts allows
 * ({@link PresentationContexts}), optionally over several associations in parallel, and
 * reports what became of each request. An association that is lost mid-way costs the request
 * in flight; the rest go over a new one.
 */
public final class StoreScu {

    /**
     * What became of one request: the peer's C-STORE-RSP, or why none came.
     *
     * @param request  the request
     * @param response the C-STORE-RSP (its Status and Error Comment), or null if none came
     * @param failure  why there is no response (no presentation context, association lost,
     *                 file unreadable), or null if there is one
     */
    public record Outcome(StoreRequest request, CStoreRsp response, String failure) {

        /** Checks that exactly one of response and failure is present. */
        public Outcome {
            Objects.requireNonNull(request, "request");
            if ((response == null) == (failure == null)) {
                throw new IllegalArgumentException("an outcome has a response or a failure");
            }
        }

        /** The class of the response's status (PS3.7 Annex C); FAILURE when no response came. */
        public StatusType type() {
            return response == null ? StatusType.FAILURE : response.status().type();
        }

        /** The status and Error Comment, or the failure, in a few words for a person. */
        public String describe() {
            if (response == null) {
                return failure;
            }
            return response.status() + (response.errorComment() == null ? "" : ": " + response.errorComment());
        }
    }

    /** Receives each outcome as it happens; with several associations, from several threads at once. */
    @FunctionalInterface
    public interface Listener {
        /** One request is done. */
        void done(Outcome outcome);
    }

    private final RemoteAe peer;
    private final String callingAeTitle;
    private final Timeouts timeouts;
    private final TlsClient tls;

    /**
     * A sender to {@code peer} as {@code callingAeTitle}.
     *
     * @throws IllegalArgumentException if the calling AE title is not valid (PS3.5 section 6.2, VR AE)
     */
    public StoreScu(RemoteAe peer, String callingAeTitle, Timeouts timeouts) {
        this(peer, callingAeTitle, timeouts, null);
    }

    /**
     * A sender to {@code peer} as {@code callingAeTitle}, through {@code tls} if the peer is a TLS one.
     *
     * @throws IllegalArgumentException if the calling AE title is not valid (PS3.5 section 6.2, VR AE)
     */
    public StoreScu(RemoteAe peer, String callingAeTitle, Timeouts timeouts, TlsClient tls) {
        this.peer = Objects.requireNonNull(peer, "peer");
        this.callingAeTitle = AeTitles.require(callingAeTitle);
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        this.tls = tls;
    }

    /**
     * Sends every request once and returns when each has an outcome. With {@code associations}
     * above 1 the requests are cut into that many consecutive parts, each sent over its own
     * associations at the same time.
     */
    public void send(List<StoreRequest> requests, int associations, Listener listener) {
        if (associations < 1) {
            throw new IllegalArgumentException("associations must be at least 1: " + associations);
        }
        int parts = Math.min(associations, Math.max(1, requests.size()));
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int part = 0; part < parts; part++) {
                List<StoreRequest> share = requests.subList(part * requests.size() / parts,
                        (part + 1) * requests.size() / parts);
                senders.execute(() -> PresentationContexts.batches(share).forEach(batch -> sendBatch(batch, listener)));
            }
        }
    }

    /** One batch, whose contexts fit one association; a new association after one is lost. */
    private void sendBatch(List<StoreRequest> batch, Listener listener) {
        int next = 0;
        while (next < batch.size()) {
            List<StoreRequest> rest = batch.subList(next, batch.size());
            Association association;
            try {
                association = Association.open(peer, callingAeTitle, PresentationContexts.forStorage(rest), List.of(),
                        timeouts, tls);
            } catch (AssociationException e) {
                rest.forEach(request -> listener.done(new Outcome(request, null, e.getMessage())));
                return;
            }
            try (association) {
                while (next < batch.size() && association.isEstablished()) {
                    StoreRequest request = batch.get(next++);
                    listener.done(storeOne(association, request));
                }
            } catch (IOException e) {
                // Releasing failed: every request sent already has its outcome.
            }
        }
    }

    private static Outcome storeOne(Association association, StoreRequest request) {
        try {
            return new Outcome(request, association.store(request), null);
        } catch (AssociationException e) {
            return new Outcome(request, null, e.getMessage());
        } catch (IOException e) {
            return new Outcome(request, null, "cannot read " + request.file() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            // The file could not be prepared (nothing was sent); one bad file must not stop the others.
            return new Outcome(request, null, "cannot send " + request.file() + ": " + e);
        }
    }
}
