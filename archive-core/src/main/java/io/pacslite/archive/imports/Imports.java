package io.pacslite.archive.imports;

import io.pacslite.archive.Archive;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts imports into an archive and remembers them for their reports: the running ones, and
 * the last {@value #KEPT} that ended, for a day. Kept in memory only: a restart forgets the
 * reports (what was stored stays stored). The CLI and the HTTP server share this engine.
 */
public final class Imports {

    /** How many ended imports are remembered. */
    public static final int KEPT = 100;
    private static final Duration KEPT_FOR = Duration.ofDays(1);

    private final Archive archive;
    private final ImportLimits limits;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Import> imports = new ConcurrentHashMap<>();

    public Imports(Archive archive, ImportLimits limits) {
        this.archive = archive;
        this.limits = limits;
    }

    /** The limits imports get. */
    public ImportLimits limits() {
        return limits;
    }

    /**
     * A new import, running and empty, with an id no one can guess (16 random bytes in hex).
     *
     * @param source who sends it, for the index's upload log and the stored instances' source
     *     ({@code cli:import}, the client's address)
     */
    public Import start(String source) {
        forgetOld();
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        Import started = new Import(HexFormat.of().formatHex(bytes), source, archive, limits);
        imports.put(started.id(), started);
        return started;
    }

    /** The import {@code id}, running or remembered. */
    public Optional<Import> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(imports.get(id));
    }

    /** Forgets ended imports older than a day, and the oldest beyond {@link #KEPT}. */
    private void forgetOld() {
        Instant cutoff = Instant.now().minus(KEPT_FOR);
        imports.values().removeIf(i -> i.finished() != null && i.finished().isBefore(cutoff));
        long ended = imports.values().stream().filter(i -> i.finished() != null).count();
        while (ended > KEPT) {
            Import oldest = null;
            for (Iterator<Import> it = imports.values().iterator(); it.hasNext();) {
                Import candidate = it.next();
                if (candidate.finished() != null && (oldest == null || candidate.finished().isBefore(oldest.finished()))) {
                    oldest = candidate;
                }
            }
            if (oldest == null) {
                return;
            }
            imports.remove(oldest.id());
            ended--;
        }
    }
}
