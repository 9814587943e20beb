package io.quorch.config;

/**
 * One orchestrator-style JSON configuration key and the typed quorch property it feeds.
 *
 * @param json     the CamelCase key as written in orchestrator.conf.json
 * @param property the Quarkus/SmallRye property name (so the same setting can come from
 *                 application.properties or an environment variable)
 * @param type     the JSON type the key must have
 */
public record ConfigKey(String json, String property, Type type) {

    /** JSON value kinds accepted for a key. */
    public enum Type {
        STRING("a string"),
        INTEGER("an integer"),
        NUMBER("a number"),
        BOOLEAN("true or false"),
        STRING_LIST("a list of strings"),
        /** A word or a whole number, such as FailureDetectionQuorum's "majority" or 2. */
        STRING_OR_INTEGER("a string or an integer");

        private final String description;

        Type(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }
}
