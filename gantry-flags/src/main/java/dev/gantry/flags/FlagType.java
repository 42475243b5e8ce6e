package dev.gantry.flags;

/** The type of a flag's variation values, and so the Java type an evaluation returns. */
public enum FlagType {
    /** JSON true/false; evaluated as {@link Boolean}. */
    BOOLEAN("boolean"),
    /** JSON string; evaluated as {@link String}. */
    STRING("string"),
    /** JSON number; evaluated as {@link Double}. */
    NUMBER("number"),
    /** any JSON value; evaluated as {@link JsonValue}. */
    JSON("json");

    private final String jsonName;

    FlagType(String jsonName) {
        this.jsonName = jsonName;
    }

    /** @return the name used in the snapshot JSON */
    public String jsonName() {
        return jsonName;
    }
}
