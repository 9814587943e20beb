package io.quorch.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class StatusRowTest {

    @Test
    void oldAndNewSpellingsAreOneColumn() {
        StatusRow row = new StatusRow(Map.of("Source_Host", "db1", "Replica_IO_Running", "Yes"));
        assertEquals("db1", row.string("Master_Host"));
        assertTrue(row.yes("Slave_IO_Running"));
        assertEquals("db1", row.string("source_host"), "asked again: the remembered spelling answers the same");
    }

    @Test
    void columnNamesAServerMakesUpAreNotAllRemembered() {
        for (int i = 0; i < 10_000; i++) {
            String name = "Made_Up_Source_" + i;
            assertEquals("made_up_master_" + i, StatusRow.canonical(name));
        }
        assertTrue(StatusRow.rememberedSpellings() <= 2_000, "remembered " + StatusRow.rememberedSpellings());
    }
}
