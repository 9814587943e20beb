package io.quorch.consensus.ratis;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quorch.store.ReplicatedStateStore;

/**
 * The snapshot file: {"format":2,"schema":N,"tables":{"table":[{row},...],...}}, written row by
 * row as the backend is read and restored row by row as the file is read, so no snapshot is ever
 * held in memory. Format 1 (before versions were written) is the bare tables object, schema 6.
 * A snapshot of a newer format or schema than this build knows is refused, naming both.
 */
final class SnapshotFile {

    /** The format this build writes. */
    static final int FORMAT = 2;
    /** The schema version of format-1 snapshots, which did not record one. */
    static final int FORMAT_1_SCHEMA = 6;

    /** A write cut short must never look complete: nothing is closed for it. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
    private static final TypeReference<Map<String, Object>> ROW = new TypeReference<>() {
    };

    private SnapshotFile() {
    }

    /** Streams the replicated state into the file. */
    static void write(Path file, ReplicatedStateStore state) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file));
                JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("format", FORMAT);
            g.writeNumberField("schema", state.schemaVersion());
            g.writeObjectFieldStart("tables");
            boolean[] open = { false };
            state.export(new ReplicatedStateStore.RowSink() {
                @Override
                public void table(String name) throws IOException {
                    if (open[0]) {
                        g.writeEndArray();
                    }
                    g.writeArrayFieldStart(name);
                    open[0] = true;
                }

                @Override
                public void row(Map<String, Object> row) throws IOException {
                    g.writeObject(row);
                }
            });
            if (open[0]) {
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    /** Streams the file into the replicated state; refuses a format or schema this build cannot read. */
    static void read(Path file, ReplicatedStateStore state) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
                JsonParser p = JSON.createParser(in)) {
            expect(p, JsonToken.START_OBJECT, file);
            JsonToken first = p.nextToken();
            if (first == JsonToken.FIELD_NAME && "format".equals(p.currentName())) {
                p.nextToken();
                int format = p.getValueAsInt(-1);
                if (format < 1 || format > FORMAT) {
                    throw new IOException("snapshot " + file.getFileName() + " has format " + format
                            + "; this build reads formats 1 to " + FORMAT + ": upgrade this node");
                }
                int schema = -1;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    if ("schema".equals(field)) {
                        schema = p.getValueAsInt(-1);
                        checkSchema(file, schema, state);
                    } else if ("tables".equals(field)) {
                        if (schema < 0) {
                            throw new IOException("snapshot " + file.getFileName() + " names no schema version");
                        }
                        tables(p, state, file);
                    } else {
                        p.skipChildren();
                    }
                }
            } else {
                checkSchema(file, FORMAT_1_SCHEMA, state);
                tablesFrom(p, state, file);
            }
        }
    }

    private static void checkSchema(Path file, int schema, ReplicatedStateStore state) throws IOException {
        if (schema < 1 || schema > state.schemaVersion()) {
            throw new IOException("snapshot " + file.getFileName() + " is of schema version " + schema
                    + "; this build's schema is version " + state.schemaVersion() + ": upgrade this node");
        }
    }

    /** The parser is at the tables object's START_OBJECT. */
    private static void tables(JsonParser p, ReplicatedStateStore state, Path file) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new IOException("snapshot " + file.getFileName() + ": \"tables\" is not an object");
        }
        p.nextToken();
        tablesFrom(p, state, file);
    }

    /** The parser is at the first table's FIELD_NAME (or the END_OBJECT of an empty tables object). */
    private static void tablesFrom(JsonParser p, ReplicatedStateStore state, Path file) throws IOException {
        state.restore(sink -> {
            while (p.currentToken() == JsonToken.FIELD_NAME) {
                sink.table(p.currentName());
                expect(p, JsonToken.START_ARRAY, file);
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    sink.row(p.readValueAs(ROW));
                }
                if (p.currentToken() != JsonToken.END_ARRAY) {
                    throw new IOException("snapshot " + file.getFileName() + ": a row is not an object");
                }
                p.nextToken();
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw new IOException("snapshot " + file.getFileName() + " is cut short or malformed");
            }
        });
    }

    private static void expect(JsonParser p, JsonToken token, Path file) throws IOException {
        if (p.nextToken() != token) {
            throw new IOException("snapshot " + file.getFileName() + " is malformed: expected " + token + ", found "
                    + p.currentToken());
        }
    }
}
