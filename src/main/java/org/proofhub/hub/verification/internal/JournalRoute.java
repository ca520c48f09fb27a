package org.proofhub.hub.verification.internal;

import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.message.impl.CoreMessage;
import org.apache.activemq.artemis.core.persistence.StorageManager;
import org.apache.activemq.artemis.core.postoffice.RoutingStatus;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.utils.UUIDGenerator;

/**
 * Puts a message straight into a queue of the embedded broker and waits until its journal has synced it: what a
 * durable JMS send does, without the client, the in-VM connection and the server's session on the way, which were
 * about a quarter of an acceptance's CPU at 1,000 a second (two thread hand-offs each way per message). The message is
 * the one a JMS producer makes: a bytes message with the same properties and duplicate-detection id, so departments'
 * systems, the relay's later copies and the broker's duplicate detection see no difference.
 */
final class JournalRoute {
    private final ActiveMQServer server;
    private final long syncTimeoutMillis;

    JournalRoute(ActiveMQServer server, long syncTimeoutMillis) {
        this.server = server;
        this.syncTimeoutMillis = syncTimeoutMillis;
    }

    /** What happened to one message. */
    enum Outcome {
        /** In the queue and synced to the journal (or there already, by its duplicate-detection id). */
        STORED,
        /** Its address has no queue yet: nothing was stored; a JMS send creates the queue as the broker is configured to. */
        NO_QUEUE
    }

    Outcome route(OutboxMessage message) throws Exception {
        StorageManager storage = server.getStorageManager();
        CoreMessage m = new CoreMessage(storage.generateID(), message.body().length + 512);
        m.setType(Message.BYTES_TYPE);
        m.setDurable(true);
        m.setAddress(message.address());
        m.setRoutingType(RoutingType.ANYCAST);
        m.setTimestamp(System.currentTimeMillis());
        // a JMS consumer reads its JMSMessageID from here
        m.setUserID(UUIDGenerator.getInstance().generateUUID());
        m.getBodyBuffer().writeBytes(message.body());
        message.properties().forEach(m::putStringProperty);
        m.putStringProperty(Message.HDR_DUPLICATE_DETECTION_ID.toString(), message.messageId());
        try {
            RoutingStatus status = server.getPostOffice().route(m, false);
            if (status == RoutingStatus.NO_BINDINGS || status == RoutingStatus.NO_BINDINGS_DLA) {
                return Outcome.NO_QUEUE;
            }
            // the thread's operation context holds the message's journal write: wait until it is synced
            if (!storage.waitOnOperations(syncTimeoutMillis)) {
                throw new IllegalStateException("the broker's journal did not confirm the message to " + message.address() + " within "
                        + syncTimeoutMillis + " ms");
            }
            return Outcome.STORED;
        } finally {
            storage.clearContext();
        }
    }
}
