package io.pacslite.cli;

import io.pacslite.archive.audit.AuditQuery;
import io.pacslite.archive.audit.Verification;
import io.pacslite.cli.config.Configuration;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pacslite audit}: prints the audit trail's events that match, one JSON object a line,
 * and with {@code --verify} checks its hash chain (docs/security.md, "Audit trail"). Like
 * {@code pacslite token}, it opens the archive when no server holds it, else asks the server
 * ({@code /api/audit}, {@link RunningServer}). Exit 0 when done and the chain holds, 1 when the
 * chain is broken or the command failed, 2 for a {@code --since} that is not valid.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Print the audit trail's events (JSON lines) and check its hash chain.")
final class AuditCommand implements Callable<Integer> {

    @Mixin
    private ArchiveOptions archive;

    @Mixin
    private ServerOption server;

    @Option(names = "--study", paramLabel = "UID", description = "Only events about this study.")
    private String study;

    @Option(names = "--user", paramLabel = "NAME",
            description = "Only events by this caller, as the trail names it: 'token ci-upload', 'loopback'.")
    private String user;

    @Option(names = "--since", paramLabel = "TIME",
            description = "Only events at or after this ISO 8601 instant (2026-11-22T08:00:00Z) or UTC date.")
    private String since;

    @Option(names = "--verify", description = "Also check the hash chain; exit 1 if it is broken.")
    private boolean verify;

    @Override
    public Integer call() throws Exception {
        AuditQuery query;
        try {
            query = new AuditQuery(study, user, since == null ? null : parseSince(since));
        } catch (DateTimeParseException e) {
            System.err.println("pacslite audit: --since is neither an ISO 8601 instant nor a date: " + since);
            return PacsLite.EXIT_BAD_INPUT;
        }
        Configuration config = archive.configuration(new GivenFlags());
        try {
            return server.openOrAsk(config, opened -> {
                opened.index().auditEvents().search(query, row -> System.out.println(row.json()));
                if (!verify) {
                    return 0;
                }
                Verification verification = opened.audit().verify();
                System.err.println(verification.describe());
                return verification.intact() ? 0 : 1;
            }, running -> throughServer(running, query));
        } catch (IOException e) {
            System.err.println("pacslite audit: " + e.getMessage());
            return 1;
        }
    }

    private int throughServer(RunningServer running, AuditQuery query) throws IOException, InterruptedException {
        StringBuilder path = new StringBuilder("/api/audit?");
        append(path, "study", query.studyUid());
        append(path, "user", query.who());
        append(path, "since", query.since() == null ? null : query.since().toString());
        HttpResponse<String> events = running.send(running.request(path.toString()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (events.statusCode() != 200) {
            throw running.refused(events.statusCode(), events.body());
        }
        System.out.print(events.body());
        if (!verify) {
            return 0;
        }
        HttpResponse<String> chain = running.send(running.request("/api/audit/verify").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (chain.statusCode() != 200 && chain.statusCode() != 409) {
            throw running.refused(chain.statusCode(), chain.body());
        }
        System.err.print(chain.body());
        return chain.statusCode() == 200 ? 0 : 1;
    }

    private static void append(StringBuilder path, String name, String value) {
        if (value != null) {
            path.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&');
        }
    }

    private static Instant parseSince(String text) {
        return text.contains("T") ? Instant.parse(text) : LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
