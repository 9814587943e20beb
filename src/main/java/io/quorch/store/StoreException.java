package io.quorch.store;

import java.sql.SQLException;

/** A backend read or write failed. */
public class StoreException extends RuntimeException {

    public StoreException(SQLException cause) {
        super("backend: " + cause.getMessage(), cause);
    }
}
