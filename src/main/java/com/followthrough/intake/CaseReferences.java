package com.followthrough.intake;

import java.time.Year;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.H2SequenceMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.PostgresSequenceMaxValueIncrementer;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

import com.followthrough.EngineClock;

/**
 * Hands out case references such as {@code SC-2026-000042}: human-readable, unique, backed by a
 * database sequence so that several app nodes on one database never hand out the same one.
 */
@Component
public class CaseReferences {

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
