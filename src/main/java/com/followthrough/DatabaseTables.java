package com.followthrough;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Whether tables exist, for the data repairs that Flyway runs before the engine: a database the engine never ran on
 * has none of its tables yet. Names as Camunda writes them (PostgreSQL stores them lower case).
 */
public final class DatabaseTables {

    private DatabaseTables() {
    }

    public static boolean allExist(Connection connection, String... tables) throws SQLException {
        DatabaseMetaData database = connection.getMetaData();
        for (String table : tables) {
            String name = database.storesLowerCaseIdentifiers() ? table.toLowerCase() : table;
            try (ResultSet found = database.getTables(connection.getCatalog(), connection.getSchema(), name, null)) {
                if (!found.next()) {
                    return false;
                }
            }
        }
        return true;
    }
}
