package io.pacslite.dicomweb.viewer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pacslite.testing.ProcessOutput;
import io.pacslite.testing.TestPeers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * Debian's headless chromium driven over the Chrome DevTools Protocol (one WebSocket to its
 * first page, JSON messages), for the browser tests: navigate, evaluate JavaScript, set the
 * files of a file input, take screenshots, and keep every HTTP response's URL and status.
 * No driver library: the protocol's few commands used here are plain JSON.
 */
final class Chromium implements AutoCloseable {

    static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on ws://");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An HTTP response the page received. */
    record Response(String url, int status) {
    }

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<Response> responses = new CopyOnWriteArrayList<>();
    private final List<String> console = new CopyOnWriteArrayList<>();

    private Chromium(Process process, WebSocket.Builder builder, URI page) {
        this.process = process;
        this.socket = builder.buildAsync(page, new Listener()).join();
    }

    /**
     * Starts chromium headless with a fresh profile in {@code profile} (fails in CI, skips
     * elsewhere, when it is not installed) and connects to its page.
     */
    static Chromium launch(Path profile) throws IOException {
        TestPeers.require("chromium");
        Process process = new ProcessBuilder(EXECUTABLE.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--enable-unsafe-swiftshader", "--no-first-run", "--no-default-browser-check", "--mute-audio",
                "--window-size=1400,900", "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank")
                .redirectErrorStream(true).start();
        try {
            String listening = ProcessOutput.awaitLine(process, DEVTOOLS);
            URI browser = URI.create(listening.substring(listening.indexOf("ws://")).trim());
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> targets = http.send(HttpRequest.newBuilder(
                    URI.create("http://" + browser.getAuthority() + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString());
            URI page = null;
            for (JsonNode target : JSON.readTree(targets.body())) {
                if (target.path("type").asText().equals("page")) {
                    page = URI.create(target.path("webSocketDebuggerUrl").asText());
                }
            }
            if (page == null) {
                throw new IllegalStateException("chromium shows no page: " + targets.body());
            }
            Chromium chromium = new Chromium(process, http.newWebSocketBuilder(), page);
            chromium.call("Page.enable", Map.of());
            chromium.call("Network.enable", Map.of());
            chromium.call("Runtime.enable", Map.of());
            chromium.call("Log.enable", Map.of());
            return chromium;
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens {@code url} in the page. */
    void navigate(String url) {
        call("Page.navigate", Map.of("url", url));
    }

    /** The value of a JavaScript expression (awaited if it is a promise), as JSON. */
    JsonNode evaluate(String expression) {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("JavaScript failed: " + result.path("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** The text the page shows (empty while it has no body). */
    String text() {
        return evaluate("document.body ? document.body.innerText : ''").asText();
    }

    /** Waits up to {@code timeout} for {@code condition}, checking twice a second; false if it never held. */
    static boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(500);
        }
        return condition.getAsBoolean();
    }

    /** Gives the file input that {@code selector} finds these files, as a user choosing them would. */
    void setFiles(String selector, List<Path> files) {
        int document = call("DOM.getDocument", Map.of("depth", 0)).path("root").path("nodeId").asInt();
        int input = call("DOM.querySelector", Map.of("nodeId", document, "selector", selector)).path("nodeId").asInt();
        if (input == 0) {
            throw new IllegalStateException("no element matches " + selector);
        }
        call("DOM.setFileInputFiles", Map.of("nodeId", input,
                "files", files.stream().map(Path::toString).toList()));
    }

    /** A PNG of the page as it is shown. */
    byte[] screenshot() {
        return Base64.getDecoder().decode(call("Page.captureScreenshot", Map.of("format", "png")).path("data").asText());
    }

    /** Every HTTP response the page has received so far. */
    List<Response> responses() {
        return List.copyOf(responses);
    }

    /** The page's console messages, the browser's log entries and uncaught errors so far. */
    List<String> console() {
        return List.copyOf(console);
    }

    private JsonNode call(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(message.toString(), true).join();
        try {
            JsonNode reply = answer.get(60, TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IllegalStateException(method + " failed: " + reply.path("error"));
            }
            return reply.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(method + " got no answer", e);
        } finally {
            pending.remove(id);
        }
    }

    private void received(JsonNode message) {
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.get(message.path("id").asInt());
            if (answer != null) {
                answer.complete(message);
            }
            return;
        }
        JsonNode params = message.path("params");
        switch (message.path("method").asText()) {
            case "Network.responseReceived" -> responses.add(new Response(params.path("response").path("url").asText(),
                    params.path("response").path("status").asInt()));
            case "Runtime.consoleAPICalled" -> {
                StringBuilder line = new StringBuilder(params.path("type").asText()).append(':');
                for (JsonNode argument : params.path("args")) {
                    line.append(' ').append(argument.has("value") ? argument.path("value").asText()
                            : argument.path("description").asText());
                }
                console.add(line.toString());
            }
            // The browser's own messages, such as a Content-Security-Policy violation.
            case "Log.entryAdded" -> console.add("log " + params.path("entry").path("level").asText() + ": "
                    + params.path("entry").path("text").asText());
            case "Runtime.exceptionThrown" -> console.add("exception: " + params.path("exceptionDetails").path("text")
                    .asText() + " " + params.path("exceptionDetails").path("exception").path("description").asText());
            default -> { }
        }
    }

    /** Collects text frames into messages. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    received(JSON.readTree(text.toString()));
                } catch (IOException e) {
                    console.add("unreadable DevTools message: " + e.getMessage());
                }
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.abort();
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
