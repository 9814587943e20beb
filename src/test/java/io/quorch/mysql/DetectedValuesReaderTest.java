package io.quorch.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.quorch.domain.PromotionRule;

/** A server's answers to the operator's queries are hostile: only values of the expected kind pass. */
class DetectedValuesReaderTest {

    @Test
    void lagIsAWholeNonNegativeNumberOfSeconds() {
        assertEquals(12L, DetectedValuesReader.lag("12"));
        assertEquals(3L, DetectedValuesReader.lag(" 3.7 "));
        assertEquals(0L, DetectedValuesReader.lag("0"));
        for (String bad : new String[] { "-1", "NaN", "Infinity", "1e30", "ten", "1; DROP TABLE x" }) {
            assertThrows(IllegalArgumentException.class, () -> DetectedValuesReader.lag(bad), bad);
        }
    }

    @Test
    void aPromotionRuleMustBeOneOfTheKnownOnes() {
        assertEquals(PromotionRule.PREFER, DetectedValuesReader.promotionRule("prefer"));
        assertEquals(PromotionRule.PREFER_NOT, DetectedValuesReader.promotionRule("PREFER_NOT"));
        assertEquals(PromotionRule.MUST_NOT, DetectedValuesReader.promotionRule("must_not"));
        for (String bad : new String[] { "must", "always", "", "prefer\nneutral" }) {
            assertThrows(IllegalArgumentException.class, () -> DetectedValuesReader.promotionRule(bad), bad);
        }
    }

    @Test
    void semiSyncEnforcedIsZeroOrOne() {
        assertEquals(true, DetectedValuesReader.zeroOrOne("1"));
        assertEquals(false, DetectedValuesReader.zeroOrOne("0"));
        assertThrows(IllegalArgumentException.class, () -> DetectedValuesReader.zeroOrOne("yes"));
        assertThrows(IllegalArgumentException.class, () -> DetectedValuesReader.zeroOrOne("2"));
    }

    @Test
    void anAliasIsOneLineOfAtMost128Characters() {
        assertEquals("db-main", DetectedValuesReader.alias("db-main"));
        assertEquals(DetectedValuesReader.MAX_ALIAS, DetectedValuesReader.alias("x".repeat(500)).length());
        assertEquals(-1, DetectedValuesReader.alias("a\nb\u0000c").indexOf('\n'));
    }

    @Test
    void aReportHostMustBeAHostName() {
        assertEquals("db-7.example.com", DetectedValuesReader.host(" db-7.example.com "));
        assertThrows(IllegalArgumentException.class, () -> DetectedValuesReader.host("db7; DROP"));
        assertThrows(IllegalArgumentException.class, () -> DetectedValuesReader.host("host:1?opt=x"));
    }
}
