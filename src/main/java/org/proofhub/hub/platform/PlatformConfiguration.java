package org.proofhub.hub.platform;

import java.time.Clock;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

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

    @Bean
    DataProtection dataProtection(HubProperties properties) {
        return DataProtection.fromDirectory(properties.dataPath().resolve("keys"));
    }

    @Bean
    ArtemisConfigurationCustomizer hubBrokerCustomizer(HubProperties properties) {
        return configuration -> {
            // proof requests and answers must survive a broker restart: sync the journal on every commit
            configuration.setJournalSyncTransactional(true);
            configuration.setJournalSyncNonTransactional(true);
            configuration.setIDCacheSize(50_000);
            // a durable send returns when its journal buffer is flushed and synced: Artemis's embedded default waits up
            // to 3.3 ms for a buffer to fill (tuned for spinning disks), which bounded 8 senders at about 2,300/s
            int journalTimeout = (int) properties.broker().journalBufferTimeout().toNanos();
            configuration.setJournalBufferTimeout_NIO(journalTimeout);
            configuration.setJournalBufferTimeout_AIO(journalTimeout);
            configuration.setPersistIDCache(true);
            // Every message leaves a duplicate-detection record that lives until 50,000 later messages pushed it out of the
            // cache, so a journal file can be reclaimed only a minute after it was written at 1,000 messages a second: about
            // ten 10 MB files, Artemis's default threshold for compacting. Each compaction then read and rewrote them while
            // the senders waited (0.7 s at 1,000/s on two cores). With more files allowed, reclaiming keeps up and
            // compaction is left for a journal that really fills (a unit whose system stopped reading).
            configuration.setJournalCompactMinFiles(properties.broker().journalCompactMinFiles());
            int port = properties.broker().tcpPort();
            if (port >= 0) {
                configuration.addAcceptorConfiguration(new TransportConfiguration(
                        NettyAcceptorFactory.class.getName(),
                        Map.of("host", "127.0.0.1", "port", port), "departments"));
            }
        };
    }
}
