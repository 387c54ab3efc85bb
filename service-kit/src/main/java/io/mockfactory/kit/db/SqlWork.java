package io.mockfactory.kit.db;

import java.sql.Connection;

/** Work done inside one database transaction, on the connection that transaction runs on. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws Exception;
}
