package io.quorch.store.sql;

import java.util.List;

/** One schema version: statements written once for every backend, with dialect placeholders. */
public record Migration(int version, String description, List<String> statements) {
}
