package org.proofhub.hub.bench.proof;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The benchmarks' HTTP client against the JDK's HTTP server: bodies by length and by chunks, keep-alive, Connection: close. */
class RawHttpTest {
    private HttpServer server;
    private final Set<String> clientPorts = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/echo", exchange -> {
            clientPorts.add(String.valueOf(exchange.getRemoteAddress().getPort()));
            byte[] body = exchange.getRequestBody().readAllBytes();
            String answer = exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " " + new String(body, StandardCharsets.UTF_8);
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(201, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.createContext("/chunked", exchange -> {
            clientPorts.add(String.valueOf(exchange.getRemoteAddress().getPort()));
            exchange.sendResponseHeaders(200, 0); // 0: chunked
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    out.write(("第" + i + "块;").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        });
        server.createContext("/close", exchange -> {
            clientPorts.add(String.valueOf(exchange.getRemoteAddress().getPort()));
            exchange.getResponseHeaders().add("Connection", "close");
            exchange.sendResponseHeaders(404, -1); // -1: no body
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void keepsOneConnectionReadsBothBodyFormsAndReconnectsAfterClose() throws Exception {
        RawHttp.Target target = new RawHttp.Target("localhost", server.getAddress().getPort());
        try (RawHttp.Connection c = new RawHttp.Connection(target)) {
            RawHttp.Response posted = c.send(RawHttp.Request.post("/echo?x=1", "application/json", "{\"姓名\":\"张三\"}"
                    .getBytes(StandardCharsets.UTF_8)).header("Authorization", "Basic abc"));
            assertThat(posted.statusCode()).isEqualTo(201);
            assertThat(new String(posted.body(), StandardCharsets.UTF_8)).isEqualTo("POST /echo?x=1 Basic abc {\"姓名\":\"张三\"}");

            RawHttp.Response chunked = c.send(RawHttp.Request.get("/chunked"));
            assertThat(chunked.statusCode()).isEqualTo(200);
            String text = new String(chunked.body(), StandardCharsets.UTF_8);
            assertThat(text).startsWith("第0块;第1块;").endsWith("第99块;");
            assertThat(clientPorts).as("one keep-alive connection for both").hasSize(1);

            RawHttp.Response closed = c.send(RawHttp.Request.get("/close"));
            assertThat(closed.statusCode()).isEqualTo(404);
            assertThat(closed.body()).isEmpty();

            RawHttp.Response again = c.send(RawHttp.Request.get("/echo"));
            assertThat(new String(again.body(), StandardCharsets.UTF_8)).isEqualTo("GET /echo null ");
            assertThat(clientPorts).as("a new connection after Connection: close").hasSize(2);
        }
    }
}
