package com.followthrough.intake;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.H2SequenceMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.PostgresSequenceMaxValueIncrementer;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

import com.followthrough.EmbeddedDatabaseRecovery;
import com.followthrough.EngineClock;

/**
 * Hands out case references such as {@code SC-2026-000042}: human-readable, unique, backed by a
 * database sequence so that several app nodes on one database never hand out the same one.
 */
@Component
public class CaseReferences implements EmbeddedDatabaseRecovery.NumberedBySequence {

    private static final String SEQUENCE = "ft_case_reference_seq";

    private final DataFieldMaxValueIncrementer sequence;
    private final EngineClock clock;

    public CaseReferences(DataSource dataSource, EngineClock clock) {
        this.sequence = sequenceFor(dataSource);
        this.clock = clock;
    }

    public String next() {
        int year = Year.from(clock.now().atZone(ZoneOffset.UTC)).getValue();
        return "SC-%d-%06d".formatted(year, sequence.nextLongValue());
    }

    @Override
    public String sequence() {
        return SEQUENCE;
    }

    /**
     * The highest number among the references of the cases (since V6) and of their messages (every case has its
     * acknowledgment): the greatest reference by the column's index is the newest, since the year comes first and
     * the number is zero-padded, so no table is read through.
     */
    @Override
    public long highestNumberTaken(Statement sql) throws SQLException {
        long highest = 0;
        for (String table : List.of("ft_case_fact", "ft_customer_message")) {
            try (ResultSet newest = sql.executeQuery("SELECT MAX(case_reference) FROM " + table)) {
                newest.next();
                String reference = newest.getString(1);
                if (reference != null) {
                    highest = Math.max(highest, Long.parseLong(reference.substring(reference.lastIndexOf('-') + 1)));
                }
            }
        }
        return highest;
    }

    private static DataFieldMaxValueIncrementer sequenceFor(DataSource dataSource) {
        String product;
        try {
            product = JdbcUtils.extractDatabaseMetaData(dataSource, "getDatabaseProductName");
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("Cannot tell which database holds the case reference sequence", e);
        }
        return switch (product) {
            case "H2" -> new H2SequenceMaxValueIncrementer(dataSource, SEQUENCE);
            case "PostgreSQL" -> new PostgresSequenceMaxValueIncrementer(dataSource, SEQUENCE);
            default -> throw new IllegalStateException("Unsupported database for case references: " + product);
        };
    }
}
