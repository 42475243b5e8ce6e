package dev.gantry.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a generated document goes: standard output, or the file {@code --out} names. */
public final class Output {
    private Output() {}

    /**
     * Writes {@code text} to {@code target}, or prints it when there is no target.
     *
     * @throws UserFacingException with {@link ExitCodes#ERROR} when the file cannot be written
     */
    public static void write(String text, Path target, PrintWriter out) {
        if (target == null) {
            out.print(text);
            return;
        }
        try {
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(target, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserFacingException(ExitCodes.ERROR, "cannot write " + target + " (" + e.getClass().getSimpleName() + ").");
        }
        out.println("wrote " + target);
    }
}
