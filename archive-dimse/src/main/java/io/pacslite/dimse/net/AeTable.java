package io.pacslite.dimse.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Application Entities the archive knows by AE title: the Move Destinations of C-MOVE
 * (PS3.4 C.4.2.1.4: the Move Destination names an AE, its address is the SCP's to know). Kept in
 * a text file, one AE a line as {@code AE_TITLE HOST PORT}, followed by {@code tls} for an AE
 * reached over TLS ({@link RemoteAe#parse}), {@code #} starting a comment; read
 * anew at each look-up, so that {@code pacslite ae add} takes effect on a running archive.
 * Entries may also be configured (the {@code dicom.move-destinations} of
 * {@code conf/pacslite.yaml}): those are listed besides the file's, and an entry of the file
 * replaces a configured one with the same AE title; changes go to the file only.
 */
public final class AeTable {

    private final Path file;
    private final List<RemoteAe> configured;

    private AeTable(Path file, List<RemoteAe> configured) {
        this.file = file;
        this.configured = List.copyOf(configured);
    }

    /** The table kept in {@code file} (which need not exist yet: the table is then empty). */
    public static AeTable at(Path file) {
        return new AeTable(file, List.of());
    }

    /** The table kept in {@code file}, with the {@code configured} entries its own do not replace. */
    public static AeTable at(Path file, List<RemoteAe> configured) {
        return new AeTable(file, configured);
    }

    /** A table with no entry and no file. */
    public static AeTable none() {
        return new AeTable(null, List.of());
    }

    /**
     * Every entry: the file's, in its order, then the configured ones whose AE title the file
     * does not have.
     *
     * @throws IOException if the file cannot be read or a line is not {@code AE_TITLE HOST PORT [tls]}
     */
    public List<RemoteAe> list() throws IOException {
        List<RemoteAe> entries = new ArrayList<>(fileEntries());
        configured.stream().filter(ae -> entries.stream().noneMatch(entry -> entry.aeTitle().equals(ae.aeTitle())))
                .forEach(entries::add);
        return entries;
    }

    private List<RemoteAe> fileEntries() throws IOException {
        if (file == null || !Files.exists(file)) {
            return List.of();
        }
        List<RemoteAe> entries = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                entries.add(RemoteAe.parse(line));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + " line " + (i + 1) + ": " + e.getMessage() + ": " + lines.get(i));
            }
        }
        return entries;
    }

    /** The entry for {@code aeTitle} (compared without its padding spaces), or empty. */
    public Optional<RemoteAe> find(String aeTitle) throws IOException {
        String wanted = aeTitle.strip();
        return list().stream().filter(ae -> ae.aeTitle().equals(wanted)).findFirst();
    }

    /** Adds {@code ae}, replacing an entry with the same AE title; the file is replaced atomically. */
    public void add(RemoteAe ae) throws IOException {
        List<RemoteAe> entries = new ArrayList<>(fileEntries());
        entries.removeIf(entry -> entry.aeTitle().equals(ae.aeTitle()));
        entries.add(ae);
        write(entries);
    }

    /** Removes the file's entry for {@code aeTitle}; false if it has none (configured entries stay). */
    public boolean remove(String aeTitle) throws IOException {
        List<RemoteAe> entries = new ArrayList<>(fileEntries());
        if (!entries.removeIf(entry -> entry.aeTitle().equals(aeTitle.strip()))) {
            return false;
        }
        write(entries);
        return true;
    }

    private void write(List<RemoteAe> entries) throws IOException {
        if (file == null) {
            throw new IllegalStateException("this AE table has no file");
        }
        StringBuilder text = new StringBuilder("# PACS-lite AE table (Move Destinations): AE_TITLE HOST PORT [tls]\n");
        entries.forEach(ae -> text.append(ae.text()).append('\n'));
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, ".ae-table", ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
