package io.pacslite.cli;

import static io.pacslite.cli.CommandRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.archive.access.ApiTokens;
import io.pacslite.cli.CommandRunner.Run;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code pacslite token} on an archive no server holds, and on one a running {@code pacslite serve} holds. */
class TokenCommandTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void createPrintsTheTokenOnceAndListNeverShowsIt() {
        Path archive = dir.resolve("archive");

        Run create = run("token", "create", "--data-dir", archive.toString(), "--name", "ci-upload", "--role", "uploader",
                "--expires", "30d");
        Run list = run("token", "list", "--data-dir", archive.toString());

        assertThat(create.exitCode()).as(create.err()).isZero();
        String token = create.out().strip();
        assertThat(token).startsWith(ApiTokens.PREFIX).doesNotContain("\n");
        assertThat(create.err()).contains("ci-upload", "uploader", "expires", "not shown again");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("ci-upload", "uploader").doesNotContain(token)
                .doesNotContain(token.substring(ApiTokens.PREFIX.length()));
    }

    @Test
    void refusesABadRoleLifetimeOrATakenName() {
        String archive = dir.resolve("archive").toString();
        assertThat(run("token", "create", "--data-dir", archive, "--name", "a", "--role", "viewer").exitCode()).isZero();

        Run taken = run("token", "create", "--data-dir", archive, "--name", "a", "--role", "viewer");
        Run role = run("token", "create", "--data-dir", archive, "--name", "b", "--role", "root");
        Run lifetime = run("token", "create", "--data-dir", archive, "--name", "c", "--role", "viewer", "--expires", "30");
        Run revoke = run("token", "revoke", "--data-dir", archive, "nobody");

        assertThat(taken.exitCode()).isEqualTo(PacsLite.EXIT_BAD_INPUT);
        assertThat(taken.err()).contains("not reused");
        assertThat(role.exitCode()).isEqualTo(PacsLite.EXIT_BAD_INPUT);
        assertThat(role.err()).contains("no role 'root'");
        assertThat(lifetime.exitCode()).isEqualTo(PacsLite.EXIT_BAD_INPUT);
        assertThat(revoke.exitCode()).isEqualTo(1);
        assertThat(revoke.err()).contains("no token named nobody");
    }

    @Test
    @Timeout(120)
    void onARunningServerCreateAndRevokeGoThroughItAndTakeEffectAtOnce() throws Exception {
        Path archive = dir.resolve("archive");
        try (ServeProcess server = ServeProcess.start(archive, List.of())) {
            Run create = run("token", "create", "--data-dir", archive.toString(), "--url", server.httpUrl(),
                    "--name", "laptop", "--role", "viewer");
            assertThat(create.exitCode()).as(create.err()).isZero();
            String token = create.out().strip();
            assertThat(studies(server, token)).isEqualTo(200);

            Run list = run("token", "list", "--data-dir", archive.toString(), "--url", server.httpUrl());
            Run revoke = run("token", "revoke", "--data-dir", archive.toString(), "--url", server.httpUrl(), "laptop");

            assertThat(list.out()).contains("laptop", "viewer").doesNotContain(token);
            assertThat(revoke.exitCode()).as(revoke.err()).isZero();
            assertThat(studies(server, token)).as("revoked").isEqualTo(401);
            assertThat(run("token", "list", "--data-dir", archive.toString(), "--url", server.httpUrl()).out())
                    .containsPattern("laptop +viewer +\\S+ +- +\\d{4}-");
        }
    }

    @Test
    @Timeout(120)
    void aServerClosedToLoopbackSaysSoAndTheCommandsSendTheTokenOfTheEnvironment() throws Exception {
        Path archive = dir.resolve("archive");
        Run admin = run("token", "create", "--data-dir", archive.toString(), "--name", "ops", "--role", "admin");
        Path log = dir.resolve("serve.log");
        try (ServeProcess server = ServeProcess.start(archive, Map.of("PACSLITE_HTTP_OPEN_LOOPBACK", "false"), log)) {
            assertThat(Files.readString(log)).contains("HTTP access: every client needs a bearer token");
            assertThat(studies(server, null)).isEqualTo(401);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(server.httpUrl() + "/health")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);

            String without = pacslite(null, "token", "list", "--data-dir", archive.toString(), "--url", server.httpUrl());
            String with = pacslite(admin.out().strip(), "token", "list", "--data-dir", archive.toString(),
                    "--url", server.httpUrl());

            assertThat(without).contains("exit 1", "answered 401", RunningServer.TOKEN_VARIABLE);
            assertThat(with).contains("exit 0", "ops", "admin");
        }
    }

    private int studies(ServeProcess server, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.httpUrl() + "/dicom-web/studies"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Runs pacslite in a process of its own, with {@code token} as PACSLITE_TOKEN; its output and "exit N". */
    private static String pacslite(String token, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PacsLite.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove(RunningServer.TOKEN_VARIABLE);
        if (token != null) {
            builder.environment().put(RunningServer.TOKEN_VARIABLE, token);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return output + "exit " + process.exitValue();
    }
}
