package dev.gantry.flags;

import java.util.Objects;

final class Names {
    private Names() {
    }

    static String requireName(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }
}
