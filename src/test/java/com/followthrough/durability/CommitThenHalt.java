package com.followthrough.durability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Run in a JVM of its own by {@link EmbeddedDatabaseKeepsCommitsTest}: commits rows one by one on the database at
 * {@code args[0]}, then stops the JVM at once, as {@code kill -9} would (no shutdown hook, no database close).
 */
public final class CommitThenHalt {

    public static final int COMMITS = 20;

    private CommitThenHalt() {
    }

    public static void main(String[] args) throws SQLException {
        Connection connection = DriverManager.getConnection(args[0], args[1], args.length > 2 ? args[2] : "");
        connection.createStatement().execute("CREATE TABLE answered (id INT PRIMARY KEY)");
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO answered (id) VALUES (?)")) {
            for (int id = 1; id <= COMMITS; id++) {
                insert.setInt(1, id);
                insert.executeUpdate();
                connection.commit();
            }
        }
        System.out.println("committed " + COMMITS);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
