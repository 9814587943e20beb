package io.quorch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** FailureDetectionQuorum's arithmetic and its refusals, each naming the key. */
class FailureDetectionQuorumTest {

    @Test
    void majorityIsMoreThanHalfTheGroupAndOneForASingleNode() {
        FailureDetectionQuorum m = FailureDetectionQuorum.parse("majority");
        assertEquals(1, m.required(1));
        assertEquals(2, m.required(2));
        assertEquals(2, m.required(3));
        assertEquals(3, m.required(4));
        assertEquals(3, m.required(5));
        assertEquals(1, m.required(0), "no group known yet counts as a single node");
        assertEquals(2, FailureDetectionQuorum.parse(" Majority ").required(3));
    }

    @Test
    void aNumberIsThatManyNodes() {
        assertEquals(1, FailureDetectionQuorum.parse("1").required(3));
        assertEquals(3, FailureDetectionQuorum.parse("3").required(3));
        assertEquals("2", FailureDetectionQuorum.parse("2").toString());
        assertEquals("majority", FailureDetectionQuorum.parse("majority").toString());
    }

    @Test
    void zeroMoreThanTheGroupAndJunkAreProblemsNamingTheKey() {
        assertEquals(Optional.empty(), FailureDetectionQuorum.problem("majority", 1));
        assertEquals(Optional.empty(), FailureDetectionQuorum.problem("3", 3));
        for (String bad : new String[] {"0", "-1", "4", "half", "", "2.5", "1e3"}) {
            Optional<String> p = FailureDetectionQuorum.problem(bad, 3);
            assertTrue(p.isPresent() && p.get().startsWith("FailureDetectionQuorum: "), bad + " -> " + p);
        }
        assertTrue(FailureDetectionQuorum.problem("2", 1).orElseThrow().contains("more than the 1 node"),
                "a single node cannot wait for a second");
        assertTrue(FailureDetectionQuorum.problem("x\u0000\"y", 3).orElseThrow().contains("x??y"),
                "control characters and quotes are not echoed");
    }
}
