package io.mockfactory.kit.db;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** Tells a failure of the database itself (retry later, the message is fine) from a failure caused by the data. */
public final class DatabaseFailures {
    private DatabaseFailures() {
    }

    public static boolean isInfrastructureFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 08: connection exception, 57P: operator intervention (shutdown), 53: insufficient resources,
                // 40001/40P01: serialization failure and deadlock, which succeed when retried
                if (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")
                        || state.equals("40001") || state.equals("40P01")) {
                    return true;
                }
            }
        }
        return false;
    }
}
