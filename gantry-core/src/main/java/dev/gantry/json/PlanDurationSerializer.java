package dev.gantry.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.gantry.plan.Durations;
import java.io.IOException;
import java.time.Duration;

/** Writes a duration the way plans write it: {@code 5m}, {@code 7d}. */
final class PlanDurationSerializer extends StdSerializer<Duration> {
    PlanDurationSerializer() {
        super(Duration.class);
    }

    @Override
    public void serialize(Duration value, JsonGenerator generator, SerializerProvider provider) throws IOException {
        generator.writeString(Durations.format(value));
    }
}
