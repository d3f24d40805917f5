package com.followthrough.communication;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.followthrough.FieldChecks;
import com.followthrough.communication.CustomerMessage.Direction;
import com.followthrough.servicelevel.LastCustomerContact;

/**
 * The case's message record (table {@code ft_customer_message}), on the engine's DataSource and transaction. It is
 * also the outbox: every change of delivery state is a conditional UPDATE that names the state it expects, and the
 * caller checks the update count, so two dispatchers (two nodes on PostgreSQL) never both own one message.
 */
@Repository
public class CustomerMessages implements LastCustomerContact {

    /**
     * The key under which the current transaction keeps, for each case opened in it, the time of the last outbound
     * message it recorded: such a case has no message from before, so this is what {@link #lastOutboundAt} would read
     * back.
     */
    private final Object openedInThisTransaction = new Object();

    private final JdbcClient jdbc;

    public CustomerMessages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The case is opened in the current transaction with this as its first message: until it commits, the record
     * answers {@link #lastOutboundAt} from what was recorded in it, without a query (issue 16). Outside a transaction
     * that Spring synchronizes, nothing is kept and the query answers as always.
     */
    void openedWith(CustomerMessage first) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        Map<String, Instant> opened = opened();
        if (opened == null) {
            opened = new HashMap<>();
            TransactionSynchronizationManager.bindResource(openedInThisTransaction, opened);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(openedInThisTransaction);
                }
            });
        }
        opened.put(first.caseReference(), first.createdAt());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Instant> opened() {
        return (Map<String, Instant>) TransactionSynchronizationManager.getResource(openedInThisTransaction);
    }

    /**
     * {@code recordedInStep}: the activity instance of the step that records it, which orders it among what happened
     * in the same millisecond on the case's timeline; null when no step does (a message taken through the API).
     */
    public long record(String caseReference, String processInstanceId, String recordedInStep, Direction direction,
                       MessageKind kind, String channel, String language, String recipient, String subject,
                       String body, Instant createdAt, String deliveryStatus) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO ft_customer_message (case_reference, process_instance_id, recorded_in_step, direction,
                    kind, channel, language, recipient, subject, body, created_at, delivery_status, next_attempt_at)
                VALUES (:caseReference, :processInstanceId, :recordedInStep, :direction,
                    :kind, :channel, :language, :recipient, :subject, :body, :createdAt, :deliveryStatus,
                    :nextAttemptAt)
                """)
                .param("caseReference", caseReference)
                .param("processInstanceId", processInstanceId)
                .param("recordedInStep", recordedInStep)
                .param("direction", direction.name())
                .param("kind", kind.name())
                .param("channel", channel)
                .param("language", language)
                .param("recipient", recipient)
                .param("subject", subject)
                .param("body", body)
                .param("createdAt", Timestamp.from(createdAt))
                .param("deliveryStatus", deliveryStatus)
                .param("nextAttemptAt", CustomerMessage.PENDING.equals(deliveryStatus) ? Timestamp.from(createdAt) : null)
                .update(key, "id");
        Map<String, Instant> opened = opened();
        if (opened != null && direction == Direction.OUTBOUND) {
            opened.computeIfPresent(caseReference, (reference, last) -> createdAt.isAfter(last) ? createdAt : last);
        }
        return key.getKeyAs(Number.class).longValue();
    }

    /** What the customer wrote or said, on the case's record: received, never sent anywhere. */
    public long recordInbound(String caseReference, String processInstanceId, String recordedInStep, String channel,
                              String language, String text, Instant receivedAt) {
        return record(caseReference, processInstanceId, recordedInStep, Direction.INBOUND, MessageKind.CUSTOMER_MESSAGE,
                channel, language, null, "Customer message", text, receivedAt, CustomerMessage.RECEIVED);
    }

    public List<CustomerMessage> ofCase(String caseReference) {
        return jdbc.sql("SELECT * FROM ft_customer_message WHERE case_reference = :ref ORDER BY created_at, id")
                .param("ref", caseReference)
                .query(CustomerMessages::map)
                .list();
    }

    public Optional<CustomerMessage> find(long id) {
        return jdbc.sql("SELECT * FROM ft_customer_message WHERE id = :id").param("id", id)
                .query(CustomerMessages::map).optional();
    }

    @Override
    public Optional<Instant> lastOutboundAt(String caseReference) {
        Map<String, Instant> opened = opened();
        if (opened != null && opened.containsKey(caseReference)) {
            return Optional.of(opened.get(caseReference));
        }
        return jdbc.sql("""
                SELECT MAX(created_at) FROM ft_customer_message
                WHERE case_reference = :ref AND direction = 'OUTBOUND'
                """)
                .param("ref", caseReference)
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant);
    }

    // --- the outbox ---------------------------------------------------------------------------------------------

    /** Messages waiting for delivery whose (next) attempt is due, oldest first. */
    public List<CustomerMessage> dueForDelivery(Instant now, int limit) {
        return jdbc.sql("""
                SELECT * FROM ft_customer_message
                WHERE delivery_status IN ('PENDING', 'FAILED_RETRYING') AND next_attempt_at <= :now
                ORDER BY next_attempt_at, id
                FETCH FIRST %d ROWS ONLY
                """.formatted(limit))
                .param("now", Timestamp.from(now))
                .query(CustomerMessages::map)
                .list();
    }

    /** Messages a dispatcher claimed before the given time and never marked: it stopped between send and mark. */
    public List<CustomerMessage> sendingSince(Instant claimedBefore) {
        return jdbc.sql("""
                SELECT * FROM ft_customer_message
                WHERE delivery_status = 'SENDING' AND claimed_at < :before
                ORDER BY id
                """)
                .param("before", Timestamp.from(claimedBefore))
                .query(CustomerMessages::map)
                .list();
    }

    /** Takes a due message for sending; true only for the one caller that got it (commit before sending). */
    public boolean claim(long id, Instant now) {
        return jdbc.sql("""
                UPDATE ft_customer_message
                SET delivery_status = 'SENDING', attempts = attempts + 1, claimed_at = :now
                WHERE id = :id AND delivery_status IN ('PENDING', 'FAILED_RETRYING') AND next_attempt_at <= :now
                """)
                .param("id", id)
                .param("now", Timestamp.from(now))
                .update() == 1;
    }

    /**
     * The mail server accepted the message. Also from DELIVERY_UNCERTAIN: a send that took longer than the sending
     * timeout did happen after all, and now we know.
     */
    public boolean markSent(long id, Instant now) {
        return jdbc.sql("""
                UPDATE ft_customer_message
                SET delivery_status = 'SENT', delivered_at = :now, next_attempt_at = NULL
                WHERE id = :id AND delivery_status IN ('SENDING', 'DELIVERY_UNCERTAIN')
                """)
                .param("id", id)
                .param("now", Timestamp.from(now))
                .update() == 1;
    }

    /** The mail server did not take the message; try again at the given time. */
    public boolean markRetrying(long id, String error, Instant nextAttemptAt) {
        return jdbc.sql("""
                UPDATE ft_customer_message
                SET delivery_status = 'FAILED_RETRYING', last_error = :error, next_attempt_at = :next
                WHERE id = :id AND delivery_status = 'SENDING'
                """)
                .param("id", id)
                .param("error", clip(error))
                .param("next", Timestamp.from(nextAttemptAt))
                .update() == 1;
    }

    /** Given up: no more automatic attempts. */
    public boolean markFailed(long id, String error) {
        return stopAttempts(id, CustomerMessage.FAILED, error);
    }

    /** May have been sent, never confirmed: never sent again on its own. */
    public boolean markUncertain(long id, String error) {
        return stopAttempts(id, CustomerMessage.DELIVERY_UNCERTAIN, error);
    }

    /** A message being sent that is not tried again automatically: a person looks at it and may resend it. */
    private boolean stopAttempts(long id, String status, String error) {
        return jdbc.sql("""
                UPDATE ft_customer_message
                SET delivery_status = :status, last_error = :error, next_attempt_at = NULL
                WHERE id = :id AND delivery_status = 'SENDING'
                """)
                .param("id", id)
                .param("status", status)
                .param("error", clip(error))
                .update() == 1;
    }

    /**
     * A person decided that a failed or uncertain message goes out (again): it is due at once, with a fresh count
     * of attempts. The mail carries the same Message-ID as before.
     */
    public boolean resend(long id, Instant now) {
        return jdbc.sql("""
                UPDATE ft_customer_message
                SET delivery_status = 'PENDING', attempts = 0, next_attempt_at = :now
                WHERE id = :id AND delivery_status IN ('FAILED', 'DELIVERY_UNCERTAIN')
                """)
                .param("id", id)
                .param("now", Timestamp.from(now))
                .update() == 1;
    }

    private static String clip(String error) {
        return error == null || error.length() <= 1000 ? error : FieldChecks.clipped(error, 997) + "...";
    }

    private static CustomerMessage map(ResultSet row, int rowNum) throws SQLException {
        return new CustomerMessage(row.getLong("id"), row.getString("case_reference"), row.getString("process_instance_id"),
                Direction.valueOf(row.getString("direction")), MessageKind.valueOf(row.getString("kind")),
                row.getString("channel"), row.getString("language"), row.getString("recipient"),
                row.getString("subject"), row.getString("body"), row.getTimestamp("created_at").toInstant(),
                row.getString("delivery_status"), row.getInt("attempts"), instant(row, "next_attempt_at"),
                row.getString("last_error"), instant(row, "delivered_at"), row.getString("recorded_in_step"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
