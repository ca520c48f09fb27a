package org.proofhub.hub.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The hand-over of an accepted request (docs/verification.md, "Durable acceptance"): the request is in Artemis when
 * the call returns, the outbox row that made it durable goes afterwards without the relay sending it again, and a row
 * left behind by a hub that stopped between the send and the deletion is sent by the relay and dropped by the
 * broker, so the department still gets the request once.
 */
class VerificationHandOverIT extends VerificationIT {

    @Test
    void aHandedOverRequestArrivesOnceAndItsOutboxRowGoes() throws Exception {
        try (Department gaj = Department.requests(connectionFactory, "GAJ")) {
            Submitted submitted = submit("window.agent", personRequest("GAJ"));
            assertThat(submitted.dispatch()).isEqualTo(Submitted.Dispatch.SENT);
            VerificationRequestMessage request = gaj.awaitRequest(submitted.requestId(), WAIT);
            assertThat(request.getIssuingUnit()).isEqualTo("GAJ");

            await().atMost(WAIT).until(() -> outboxRows(submitted.requestId()) == 0);
            assertThat(requestIdsArriving(gaj)).doesNotContain(submitted.requestId());

            // what a hub that stopped after the send and before the deletion leaves: the row, for the relay; and in the
            // relay's same batch a message the broker has not seen (another change id)
            leaveForTheRelay(hub, request, "verification/request/" + submitted.requestId(), "test/another-change/" + submitted.requestId());
            await().atMost(WAIT).until(() -> outboxRows(submitted.requestId()) == 0);
            assertThat(requestIdsArriving(gaj)).as("the broker drops the relay's copy by its duplicate-detection id and takes the other")
                    .containsOnlyOnce(submitted.requestId());
        }
    }

    /**
     * Outbox rows for {@code request}'s unit carrying it, one per change id, written in one statement (so the relay
     * sends them in one batch): what a hub that stopped between the send and the deletion leaves the relay.
     */
    static void leaveForTheRelay(JdbcTemplate hub, VerificationRequestMessage request, String... changeIds) throws Exception {
        ByteBuffer body = VerificationRequestMessage.getEncoder().encode(request);
        byte[] bytes = new byte[body.remaining()];
        body.get(bytes);
        String unit = request.getIssuingUnit().toString();
        List<Object> args = new ArrayList<>();
        for (String changeId : changeIds) {
            args.add(VerificationAddresses.requests(unit));
            args.add(bytes);
            args.add("{\"messageType\": \"request\", \"unit\": \"" + unit + "\", \"requestId\": \"" + request.getRequestId()
                    + "\", \"changeId\": \"" + changeId + "\"}");
        }
        hub.update("insert into outbox (address, multicast, body, properties) values "
                + String.join(", ", java.util.Collections.nCopies(changeIds.length, "(?, false, ?, ?::jsonb)")), args.toArray());
    }

    static long outboxRows(JdbcTemplate hub, String requestId) {
        return hub.queryForObject("select count(*) from outbox where properties ->> 'requestId' = ?", Long.class, requestId);
    }

    private long outboxRows(String requestId) {
        return outboxRows(hub, requestId);
    }

    /** The request ids of what reaches the unit's queue until it stays quiet for two seconds. */
    static List<String> requestIdsArriving(Department unit) throws Exception {
        List<String> ids = new ArrayList<>();
        for (byte[] body = unit.pollRequest(Duration.ofSeconds(2)); body != null; body = unit.pollRequest(Duration.ofSeconds(2))) {
            ids.add(VerificationRequestMessage.getDecoder().decode(body).getRequestId().toString());
        }
        return ids;
    }
}
