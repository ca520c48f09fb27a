package org.proofhub.hub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** The hub's HTTP API as an operator uses it (the demo account {@code ops}): health, connector states, pause and resume. */
public final class HubHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The demo operator account; its password is the demo default {@code hub.demo.account-password}. */
    private static final String OPERATOR = "ops:hub-demo";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;
    private final String authorization = "Basic " + Base64.getEncoder().encodeToString(OPERATOR.getBytes(StandardCharsets.UTF_8));

    public HubHttp(int port) {
        this.base = "http://localhost:" + port;
    }

    /** True when {@code /actuator/health} answers UP; false while the server is not listening or not yet UP. */
    public boolean healthUp() throws IOException, InterruptedException {
        try {
            HttpResponse<String> r = client.send(request("/actuator/health").GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && "UP".equals(JSON.readTree(r.body()).path("status").asText());
        } catch (ConnectException e) {
            return false;
        }
    }

    /** Each enabled connector's state (Started, Stopped, ...), from {@code /api/ingest/connectors}. */
    public Map<String, String> connectorStates() throws IOException, InterruptedException {
        Map<String, String> states = new LinkedHashMap<>();
        for (JsonNode c : call("GET", "/api/ingest/connectors")) {
            if (c.path("enabled").asBoolean()) {
                states.put(c.path("id").asText(), c.path("state").asText());
            }
        }
        return states;
    }

    public void pause(String connectorId) throws IOException, InterruptedException {
        call("POST", "/api/ingest/connectors/" + connectorId + "/pause");
    }

    public void resume(String connectorId) throws IOException, InterruptedException {
        call("POST", "/api/ingest/connectors/" + connectorId + "/resume");
    }

    private JsonNode call(String method, String path) throws IOException, InterruptedException {
        HttpRequest req = request(path).header("Authorization", authorization)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    }
}
