package com.followthrough.intake;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private static final Pattern FORMAT = Pattern.compile("SC-(\\d{4})-(\\d+)");

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
     * acknowledgment). By the column's index, one year at a time from the latest: within a year the greatest
     * reference has the greatest number (zero-padded), but not across years, since the engine clock can be set back
     * (tests do) and the sequence goes on.
     */
    @Override
    public long highestNumberTaken(Connection connection) throws SQLException {
        long highest = 0;
        for (String table : List.of("ft_case_fact", "ft_customer_message")) {
            try (PreparedStatement greatestBelow = connection.prepareStatement("SELECT case_reference FROM " + table
                    + " WHERE case_reference < ? ORDER BY case_reference DESC FETCH FIRST 1 ROW ONLY")) {
                String below = "SC-9999-9999999";
                for (String reference = greatest(greatestBelow, below); reference != null;
                     reference = greatest(greatestBelow, below)) {
                    Matcher parts = FORMAT.matcher(reference);
                    if (parts.matches()) {
                        highest = Math.max(highest, Long.parseLong(parts.group(2)));
                        below = "SC-" + parts.group(1) + "-";
                    } else {
                        below = reference;
                    }
                }
            }
        }
        return highest;
    }

    private static String greatest(PreparedStatement greatestBelow, String below) throws SQLException {
        greatestBelow.setString(1, below);
        try (ResultSet greatest = greatestBelow.executeQuery()) {
            return greatest.next() ? greatest.getString(1) : null;
        }
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
