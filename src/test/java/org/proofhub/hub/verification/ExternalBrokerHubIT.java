package org.proofhub.hub.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.proofhub.hub.support.HubIT;
import org.proofhub.hub.support.RunDirectories;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of the tests of a hub on an external broker, as deploy/application-production.yml runs it: {@code spring.artemis.mode=native}
 * against a broker of its own (an Artemis server with a TCP acceptor and a journal on disk, in this JVM but reached only over
 * TCP like any other), no embedded broker. The broker starts before the hub's senders and stops after them.
 */
@Import(ExternalBrokerHubIT.ExternalBrokerConfiguration.class)
@TestPropertySource(properties = {"spring.artemis.mode=native", "spring.artemis.embedded.enabled=false",
        "hub.broker.disk-scan-period=100ms", "hub.verification.item-terms=request"})
abstract class ExternalBrokerHubIT extends HubIT {
    static final String PASSWORD = VerificationIT.PASSWORD;

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate hub;
    @Autowired
    ExternalArtemis externalBroker;

    @DynamicPropertySource
    static void externalBroker(DynamicPropertyRegistry registry) {
        int port = freePort();
        Path data = RunDirectories.next("external-broker");
        registry.add("spring.artemis.broker-url", () -> "tcp://127.0.0.1:" + port);
        registry.add("test.external-broker.port", () -> port);
        registry.add("test.external-broker.data", data::toString);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Submitted submit(String agent, VerificationSubmission s) {
        ResponseEntity<Submitted> r = rest.withBasicAuth(agent, PASSWORD).postForEntity("/api/verification/requests", s, Submitted.class);
        assertThat(r.getStatusCode().value()).as("submitting as %s", agent).isEqualTo(201);
        return r.getBody();
    }

    Map<String, Object> brokerHealth() {
        return rest.withBasicAuth("ops", PASSWORD).getForObject("/actuator/health/broker", Map.class);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ExternalBrokerConfiguration {
        @Bean
        ExternalArtemis externalArtemis(Environment environment) {
            return new ExternalArtemis(environment.getRequiredProperty("test.external-broker.port", Integer.class),
                    Path.of(environment.getRequiredProperty("test.external-broker.data")),
                    environment.getProperty("test.external-broker.max-disk-usage", Integer.class, 100),
                    environment.getProperty("test.external-broker.up-before-the-hub", Boolean.class, true));
        }
    }

    /** The broker: started first and stopped last of everything in the hub's context. */
    static final class ExternalArtemis implements SmartLifecycle {
        private final int port;
        private final Path data;
        private final int maxDiskUsage;
        private final boolean upBeforeTheHub;
        private EmbeddedActiveMQ server;

        ExternalArtemis(int port, Path data, int maxDiskUsage, boolean upBeforeTheHub) {
            this.port = port;
            this.data = data;
            this.maxDiskUsage = maxDiskUsage;
            this.upBeforeTheHub = upBeforeTheHub;
        }

        /** Started with the hub's context unless the test starts it later (a hub that comes up while its broker is away). */
        @Override
        public boolean isAutoStartup() {
            return upBeforeTheHub;
        }

        @Override
        public void start() {
            Configuration c = new ConfigurationImpl().setPersistenceEnabled(true).setSecurityEnabled(false)
                    .setJournalDirectory(data.resolve("journal").toString()).setBindingsDirectory(data.resolve("bindings").toString())
                    .setPagingDirectory(data.resolve("paging").toString()).setLargeMessagesDirectory(data.resolve("large").toString())
                    .setMaxDiskUsage(maxDiskUsage).setDiskScanPeriod(100);
            try {
                c.addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
                server = new EmbeddedActiveMQ().setConfiguration(c);
                server.start();
            } catch (Exception e) {
                throw new IllegalStateException("the external test broker did not start on port " + port, e);
            }
        }

        org.apache.activemq.artemis.core.server.ActiveMQServer server() {
            return server.getActiveMQServer();
        }

        /**
         * Stops the broker, waiting at most {@link #STOP_WITHIN}: a broker whose disk counts as full (max-disk-usage 0) can
         * keep its paging store's clean-up busy, holding the lock its stop waits for, for many minutes (seen once in CI, the
         * thread fsyncing page files over and over); the test is over then, so the broker is left to its clean-up instead of
         * holding the whole suite.
         */
        @Override
        public void stop() {
            if (server == null) {
                return;
            }
            EmbeddedActiveMQ stopping = server;
            server = null;
            Thread stopper = new Thread(() -> {
                try {
                    stopping.stop();
                } catch (Exception e) {
                    System.err.println("the external test broker on port " + port + " did not stop: " + e);
                }
            }, "external-test-broker-stop-" + port);
            stopper.setDaemon(true);
            stopper.start();
            try {
                stopper.join(STOP_WITHIN.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (stopper.isAlive()) {
                System.err.println("the external test broker on port " + port + " did not stop within " + STOP_WITHIN + "; left behind");
            }
        }

        static final java.time.Duration STOP_WITHIN = java.time.Duration.ofSeconds(30);

        @Override
        public boolean isRunning() {
            return server != null;
        }

        @Override
        public int getPhase() {
            return Integer.MIN_VALUE;
        }
    }
}
