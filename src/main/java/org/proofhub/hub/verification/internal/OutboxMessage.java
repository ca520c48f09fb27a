package org.proofhub.hub.verification.internal;

import java.util.Map;

/**
 * A row for the shared {@code outbox} table. The relay copies {@code properties} onto the JMS message and
 * uses {@code changeId} as its Artemis duplicate-detection id.
 */
record OutboxMessage(String address, byte[] body, Map<String, String> properties) {

    String messageId() {
        return properties.get("changeId");
    }
}
