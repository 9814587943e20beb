package io.quorch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import io.quorch.api.dto.ApiResponse;
import io.quorch.domain.InstanceKey;
import io.quorch.mysql.CommandException;
import io.quorch.recovery.RecoveryException;
import io.quorch.security.Redactor;

class ApiExceptionMappersTest {

    final ApiExceptionMappers mappers = new ApiExceptionMappers(new Redactor(List.of("topsecret")));

    static String message(Response r) {
        return ((ApiResponse) r.getEntity()).message();
    }

    @Test
    void anUnexpectedFailureAnswersAGenericMessage() {
        Response r = mappers.unexpected(new NullPointerException("internal detail topsecret"));
        assertEquals(500, r.getStatus());
        assertEquals(ApiExceptionMappers.UNEXPECTED, message(r));
        assertEquals("ERROR", ((ApiResponse) r.getEntity()).code());
    }

    @Test
    void knownFailuresAnswerTheirMessageWithoutSecrets() {
        Response bad = mappers.badArgument(new IllegalArgumentException("port must be a number"));
        assertEquals(400, bad.getStatus());
        assertEquals("port must be a number", message(bad));
        Response command = mappers.command(new CommandException(new InstanceKey("db1", 3306), "SET x",
                new SQLException("denied for topsecret")));
        assertEquals(500, command.getStatus());
        assertFalse(message(command).contains("topsecret"), message(command));
        assertTrue(message(command).contains("db1:3306"), message(command));
        Response recovery = mappers.recovery(new RecoveryException("failed: topsecret"));
        assertEquals("failed: ****", message(recovery));
    }
}
