package io.pacslite.dicomweb.wado;

import io.pacslite.archive.Archive;
import io.pacslite.archive.export.Export;
import io.pacslite.archive.export.ExportException;
import io.pacslite.archive.export.ZipExport;
import io.pacslite.dicomweb.multipart.MediaType;
import io.pacslite.dicomweb.server.HttpError;
import io.pacslite.dicomweb.server.Requests;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A study or series as {@code application/zip} (PS3.18 8.6.1.3, the ZIP payload of Supplement
 * 211: the instances as Part 10 files in a ZIP archive): the stored files byte for byte, or transcoded when the
 * range names a {@code transfer-syntax}; with {@code dicomdir=true}, a DICOMDIR first and the
 * files named by its File IDs, making the ZIP a File-set (PS3.10 8) to unpack on media;
 * without, {@code <study>/<series>/<sop>.dcm}. The body is chunked and streamed member by
 * member ({@link ZipExport}); a failure after it began cuts it off, so the client sees a
 * truncated ZIP, never a wrong one.
 */
final class ZipRetrieval {

    static final String ZIP = "application/zip";

    private ZipRetrieval() {
    }

    /**
     * Sends the study or series the path names, for an Accept range of {@code application/zip}.
     *
     * @throws HttpError 400 for an unreadable {@code dicomdir} or {@code transfer-syntax}, 404 if
     *     nothing is there, 406 naming an instance that cannot be written in the syntax asked for
     */
    static void send(HttpServerExchange exchange, Archive archive, MediaType range) throws IOException {
        String study = Requests.uid(exchange, "study");
        Export export;
        try {
            export = Export.of(archive.index(), archive.blobs(), study, Requests.optionalUid(exchange, "series"),
                    dicomdir(exchange), transferSyntax(range));
        } catch (ExportException e) {
            throw switch (e.reason()) {
                case NOT_FOUND -> HttpError.notFound(e.getMessage());
                case NOT_TRANSCODABLE -> HttpError.notAcceptable(e.getMessage());
            };
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, ZIP);
        exchange.getResponseHeaders().put(Headers.CONTENT_DISPOSITION, "attachment; filename=\"" + study + ".zip\"");
        // Not closed on failure: closing would send what is buffered as a complete answer.
        OutputStream out = exchange.getOutputStream();
        ZipExport.write(export, archive.blobs(), out);
        out.close();
    }

    /** The {@code dicomdir} query parameter: {@code true}, or {@code false} (the default). */
    private static boolean dicomdir(HttpServerExchange exchange) {
        String value = Requests.query(exchange, "dicomdir");
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw HttpError.badRequest("dicomdir must be true or false, not \"" + value + "\"");
    }

    /** The syntax the range names, or null for the stored ones (absent or {@code *}). */
    private static String transferSyntax(MediaType range) {
        String syntax = range.parameter("transfer-syntax");
        return syntax == null || syntax.equals("*") ? null : Requests.validUid(syntax, "transfer-syntax");
    }
}
