package com.followthrough.communication;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.followthrough.FollowThroughSpringTest;
import com.followthrough.communication.CustomerMessage.Direction;

/**
 * When the customer last heard from us, for a case opened in the current transaction: answered from the messages
 * recorded in it (its acknowledgment, and any sent after it), as the table answers once the opening has committed,
 * and never carried into a later transaction.
 */
@FollowThroughSpringTest
class LastOutboundOfAnOpeningTest {

    private static final Instant ACKNOWLEDGED = Instant.parse("2026-11-23T08:00:00Z");

    @Autowired CustomerMessages messages;
    @Autowired PlatformTransactionManager transactions;
    @Autowired JdbcClient jdbc;

    @Test
    void theOpeningKnowsItsLastMessageAsTheTableDoesAfterwards() {
        String reference = "SC-T-" + UUID.randomUUID().toString().substring(0, 8);
        Instant updated = ACKNOWLEDGED.plus(Duration.ofHours(1));
        TransactionTemplate transaction = new TransactionTemplate(transactions);

        transaction.executeWithoutResult(opening -> {
            messages.openedWith(outbound(reference, MessageKind.ACKNOWLEDGMENT, ACKNOWLEDGED));
            assertThat(messages.lastOutboundAt(reference)).contains(ACKNOWLEDGED);
            outbound(reference, MessageKind.PROGRESS_UPDATE, updated);
            record(reference, Direction.INBOUND, MessageKind.CUSTOMER_MESSAGE, updated.plus(Duration.ofHours(1)));
            assertThat(messages.lastOutboundAt(reference)).as("a later message of the same step").contains(updated);
        });
        assertThat(messages.lastOutboundAt(reference)).as("the table, after the commit").contains(updated);

        // Changed behind the record's back: only the table can know it.
        Instant later = updated.plus(Duration.ofDays(1));
        jdbc.sql("UPDATE ft_customer_message SET created_at = :later WHERE case_reference = :ref AND kind = 'PROGRESS_UPDATE'")
                .param("later", Timestamp.from(later)).param("ref", reference).update();
        assertThat(messages.lastOutboundAt(reference)).as("nothing kept past the opening's transaction").contains(later);
    }

    private CustomerMessage outbound(String reference, MessageKind kind, Instant at) {
        return record(reference, Direction.OUTBOUND, kind, at);
    }

    private CustomerMessage record(String reference, Direction direction, MessageKind kind, Instant at) {
        long id = messages.record(reference, null, null, direction, kind, "email", "en", "jane@example.org", "Subject",
                "Body", at, CustomerMessage.NOT_DELIVERED_NO_MAIL_SERVER);
        return new CustomerMessage(id, reference, null, direction, kind, "email", "en", "jane@example.org", "Subject",
                "Body", at, CustomerMessage.NOT_DELIVERED_NO_MAIL_SERVER, 0, null, null, null, null);
    }
}
