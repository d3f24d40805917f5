package com.followthrough.communication;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import com.followthrough.communication.CustomerMessage.Direction;

/** The case's message record (table {@code ft_customer_message}), on the engine's DataSource and transaction. */
@Repository
public class CustomerMessages {

    private final JdbcClient jdbc;

    public CustomerMessages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long record(String caseReference, String processInstanceId, Direction direction, MessageKind kind,
                       String channel, String language, String recipient, String subject, String body,
                       Instant createdAt, String deliveryStatus) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO ft_customer_message (case_reference, process_instance_id, direction, kind, channel,
                    language, recipient, subject, body, created_at, delivery_status)
                VALUES (:caseReference, :processInstanceId, :direction, :kind, :channel,
                    :language, :recipient, :subject, :body, :createdAt, :deliveryStatus)
                """)
                .param("caseReference", caseReference)
                .param("processInstanceId", processInstanceId)
                .param("direction", direction.name())
                .param("kind", kind.name())
                .param("channel", channel)
                .param("language", language)
                .param("recipient", recipient)
                .param("subject", subject)
                .param("body", body)
                .param("createdAt", Timestamp.from(createdAt))
                .param("deliveryStatus", deliveryStatus)
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    public List<CustomerMessage> ofCase(String caseReference) {
        return jdbc.sql("SELECT * FROM ft_customer_message WHERE case_reference = :ref ORDER BY created_at, id")
                .param("ref", caseReference)
                .query(CustomerMessages::map)
                .list();
    }

    /** When the customer last heard from us, if ever. */
    public Optional<Instant> lastOutboundAt(String caseReference) {
        return jdbc.sql("""
                SELECT MAX(created_at) FROM ft_customer_message
                WHERE case_reference = :ref AND direction = 'OUTBOUND'
                """)
                .param("ref", caseReference)
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant);
    }

    private static CustomerMessage map(ResultSet row, int rowNum) throws SQLException {
        return new CustomerMessage(row.getLong("id"), row.getString("case_reference"),
                Direction.valueOf(row.getString("direction")), MessageKind.valueOf(row.getString("kind")),
                row.getString("channel"), row.getString("language"), row.getString("recipient"),
                row.getString("subject"), row.getString("body"), row.getTimestamp("created_at").toInstant(),
                row.getString("delivery_status"));
    }
}
