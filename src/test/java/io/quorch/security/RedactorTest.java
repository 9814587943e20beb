package io.quorch.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void everyFormOfEverySecretIsReplaced() {
        var r = new Redactor(List.of("s3cr'et\\x", "topsecret", "ab"));
        assertEquals("a **** b **** c **** d **** e ab", r.redact(
                "a s3cr'et\\x b s3cr''et\\x c s3cr\\'et\\\\x d topsecret e ab"));
        assertEquals(null, r.redact(null));
        assertEquals("", r.redact(""));
    }

    @Test
    void aSecretInsideALongerWordIsLeftAlone() {
        var r = new Redactor(List.of("repl"));
        assertEquals("db2 is not a direct replica; PASSWORD = '****', password=****&x", r.redact(
                "db2 is not a direct replica; PASSWORD = 'repl', password=repl&x"));
    }

    @Test
    void aSecretContainingAnotherIsReplacedWhole() {
        var r = new Redactor(List.of("pass", "password123"));
        assertEquals("x **** y ****", r.redact("x password123 y pass"));
    }
}
