package io.quorch.app;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * The settings of the one ObjectMapper quorch uses, Quarkus' own: the API writes its answers with
 * it and the stores their JSON columns, so both read and write JSON the same way. Pinned here,
 * not left to Quarkus' defaults or quarkus.jackson.* properties, because stored JSON outlives a
 * release: a later quorch must read what an earlier one wrote, and the other way round.
 */
@Singleton
public class JsonSettings implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        apply(mapper);
    }

    /**
     * Fields a reader does not know are skipped (JSON written by another version); times are
     * ISO-8601 text in UTC, never numbers.
     */
    public static ObjectMapper apply(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /**
     * The same settings on a mapper of its own, for code that runs without the application (unit
     * tests that build stores by hand), with the modules Quarkus registers found on the class path.
     */
    public static ObjectMapper standalone() {
        return apply(JsonMapper.builder().findAndAddModules().build());
    }
}
