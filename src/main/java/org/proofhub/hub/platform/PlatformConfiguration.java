package org.proofhub.hub.platform;

import jakarta.jms.ConnectionFactory;
import java.time.Clock;
import java.util.Optional;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

import java.util.Map;

/** Clock, data protection and the embedded broker's settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HubProperties.class)
@Import({EmbeddedPostgresConfiguration.class, ProblemDetailsAdvice.class, StartupReport.class})
public class PlatformConfiguration {

    /** All hub time comes from here, so tests can run a 24-hour deadline in milliseconds. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Boot's JSON converter, answering with a Content-Length in one write ({@link SizedJsonConverter}). */
    @Bean
    org.springframework.http.converter.json.MappingJackson2HttpMessageConverter mappingJackson2HttpMessageConverter(
            com.fasterxml.jackson.databind.ObjectMapper objectMapper) {
        return new SizedJsonConverter(objectMapper);
    }

    @Bean
    DataProtection dataProtection(HubProperties properties) {
        return DataProtection.fromDirectory(properties.dataPath().resolve("keys"));
    }

    @Bean
    BrokerState brokerState(ObjectProvider<EmbeddedActiveMQ> embedded, HubProperties properties) {
        return new BrokerState(() -> {
            EmbeddedActiveMQ broker = embedded.getIfAvailable();
            return broker == null ? null : broker.getActiveMQServer();
        }, properties.broker().maxDiskUsage());
    }

    /** Asks an external broker how full its disk is (nothing to do when the broker is embedded). */
    @Bean
    ExternalBrokerMonitor externalBrokerMonitor(ConnectionFactory connectionFactory, BrokerState broker, HubProperties properties,
                                                Environment environment) {
        return new ExternalBrokerMonitor(connectionFactory, broker, properties.broker().diskScanPeriod(),
                properties.broker().managementAddress(), environment.getProperty("spring.artemis.broker-url", "the configured broker"));
    }

    /**
     * Health component {@code broker}: down while the broker takes no messages, with the reason; its disk's use and limit when
     * known, and whether it is the embedded broker or an external one.
     */
    @Bean
    HealthIndicator brokerHealthIndicator(BrokerState broker) {
        return () -> {
            Optional<String> refusal = broker.refusal();
            Health.Builder health = refusal.map(r -> Health.down().withDetail("reason", r)).orElseGet(Health::up);
            health.withDetail("broker", broker.kind());
            broker.diskUsagePercent().ifPresent(p -> health.withDetail("diskUsagePercent", p));
            broker.maxDiskUsagePercent().ifPresent(p -> health.withDetail("maxDiskUsagePercent", p));
            return health.build();
        };
    }

    /** How long the embedded broker waits for its journal's lock file before it gives up with an error. */
    static final long JOURNAL_LOCK_TIMEOUT_MS = 15_000;

    @Bean
    ArtemisConfigurationCustomizer hubBrokerCustomizer(HubProperties properties) {
        return configuration -> {
            // proof requests and answers must survive a broker restart: sync the journal on every commit
            configuration.setJournalSyncTransactional(true);
            configuration.setJournalSyncNonTransactional(true);
            configuration.setIDCacheSize(properties.broker().idCacheSize());
            // a durable send returns when its journal buffer is flushed and synced: Artemis's embedded default waits up
            // to 3.3 ms for a buffer to fill (tuned for spinning disks), which bounded 8 senders at about 2,300/s
            int journalTimeout = (int) properties.broker().journalBufferTimeout().toNanos();
            configuration.setJournalBufferTimeout_NIO(journalTimeout);
            configuration.setJournalBufferTimeout_AIO(journalTimeout);
            configuration.setPersistIDCache(true);
            // Every message leaves a duplicate-detection id in the journal that keeps its file alive until 50,000 later messages
            // to its address have pushed it out of the cache, so used files pile up before they can be reclaimed: at 1,000
            // messages a second Artemis's default threshold for compacting (ten 10 MB files) came within a minute, and each
            // compaction read and rewrote them while the senders waited (0.7 s on two cores). With 40, a minute at 1,500-1,900
            // messages a second (bench verification) ends at 11 files; whether a longer run stays below 40 is not measured.
            configuration.setJournalCompactMinFiles(properties.broker().journalCompactMinFiles());
            configuration.setMaxDiskUsage(properties.broker().maxDiskUsage());
            // Artemis retries its journal lock file without end by default: at start while another process holds it (a
            // second hub on the same data directory), and on stop after a restart in the same JVM had closed the lock
            // file's channel (seen once, 2026-11-27: VerificationRestartIT's hub hung in EmbeddedActiveMQ.stop, retrying
            // "Failure when accessing a lock file" every few seconds). A bounded wait fails with the reason instead.
            configuration.setJournalLockAcquisitionTimeout(JOURNAL_LOCK_TIMEOUT_MS);
            configuration.setDiskScanPeriod((int) properties.broker().diskScanPeriod().toMillis());
            int port = properties.broker().tcpPort();
            if (port >= 0) {
                configuration.addAcceptorConfiguration(new TransportConfiguration(
                        NettyAcceptorFactory.class.getName(),
                        Map.of("host", "127.0.0.1", "port", port), "departments"));
            }
        };
    }
}
