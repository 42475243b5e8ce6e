package dev.gantry.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Entry point of the {@code gantry} command.
 *
 * <p>Exit codes are decided here and in {@link ExitCodes} only: a command returns one, and any
 * exception that escapes a command becomes a one-sentence message and {@link ExitCodes#ERROR},
 * never a stack trace.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code; used by tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new GantryCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.registerConverter(java.time.LocalDate.class, Main::date);
        commandLine.registerConverter(java.time.Duration.class, Main::duration);
        commandLine.setExecutionExceptionHandler(Main::handleExecutionException);
        commandLine.setParameterExceptionHandler(Main::handleParameterException);
        int code;
        try {
            code = commandLine.execute(args);
        } catch (Throwable unexpected) {
            // Errors (StackOverflowError, OutOfMemoryError) pass picocli's exception handler.
            err.println("gantry: an unexpected error stopped the command: " + describe(unexpected));
            err.println("gantry: this is a bug in Gantry; please report it with the command you ran.");
            code = ExitCodes.ERROR;
        }
        out.flush();
        err.flush();
        return code;
    }

    private static int handleExecutionException(
            Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (exception instanceof UserFacingException userFacing) {
            err.println("gantry: " + userFacing.getMessage());
            return userFacing.exitCode();
        }
        err.println("gantry: an unexpected error stopped the command: " + describe(exception));
        err.println("gantry: this is a bug in Gantry; please report it with the command you ran.");
        return ExitCodes.ERROR;
    }

    private static int handleParameterException(CommandLine.ParameterException exception, String[] args) {
        CommandLine commandLine = exception.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("gantry: " + exception.getMessage());
        err.println("gantry: see '" + commandLine.getCommandSpec().qualifiedName() + " --help'.");
        return ExitCodes.USAGE;
    }

    private static java.time.LocalDate date(String text) {
        try {
            return java.time.LocalDate.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a date; write it as YYYY-MM-DD");
        }
    }

    private static java.time.Duration duration(String text) {
        return dev.gantry.plan.Durations.parse(text).orElseThrow(() -> new CommandLine.TypeConversionException(
                "'" + text + "' is not a duration; write a number and a unit: 30s, 5m, 2h, 7d"));
    }

    private static String describe(Throwable exception) {
        String message = exception.getMessage();
        String type = exception.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }
}
