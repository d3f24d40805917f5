package com.followthrough.durability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * Run in a JVM of its own by {@link EmbeddedDatabaseKeepsCommitsTest}: commits rows one by one on the database at
 * {@code args[0]}, then stops the JVM at once, as {@code kill -9} would (no shutdown hook, no database close). With
 * {@code args[3]} = {@value #COMPACTING}, H2's store is compacted after every commit, as the app's
 * {@code EmbeddedDatabaseCompaction} does once a second, with no retention time, so that old chunks are rewritten at once.
 */
public final class CommitThenHalt {

    public static final int COMMITS = 20;
    public static final String COMPACTING = "compacting";

    private CommitThenHalt() {
    }

    public static void main(String[] args) throws SQLException {
        Connection connection = DriverManager.getConnection(args[0], args[1], args.length > 2 ? args[2] : "");
        connection.createStatement().execute("CREATE TABLE answered (id INT PRIMARY KEY)");
        connection.setAutoCommit(false);
        MVStore store = null;
        if (args.length > 3 && COMPACTING.equals(args[3])) {
            store = ((SessionLocal) connection.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore()
                    .getMvStore();
            store.setRetentionTime(0);
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO answered (id) VALUES (?)")) {
            for (int id = 1; id <= COMMITS; id++) {
                insert.setInt(1, id);
                insert.executeUpdate();
                connection.commit();
                if (store != null) {
                    store.compact(100, Integer.MAX_VALUE);
                }
            }
        }
        System.out.println("committed " + COMMITS);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
