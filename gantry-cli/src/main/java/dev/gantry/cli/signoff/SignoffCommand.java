package dev.gantry.cli.signoff;

import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.PlanFile;
import dev.gantry.cli.UserFacingException;
import dev.gantry.cli.state.ReleaseState;
import dev.gantry.cli.state.StateFile;
import dev.gantry.plan.ReleasePlan;
import dev.gantry.signoff.PlanHash;
import dev.gantry.signoff.SignOff;
import dev.gantry.signoff.SignOffRules;
import dev.gantry.signoff.SignOffStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry signoff FILE [ROLE --by NAME]}: sign a role, or show where sign-offs stand. */
@Command(name = "signoff", mixinStandardHelpOptions = true,
        description = "Sign off a role for this revision of the plan, or (without ROLE) show the sign-offs and what is outstanding.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:recorded, or every required role is signed", "2:invalid plan, or the sign-off breaks a rule",
            "3:sign-offs are outstanding (without ROLE)"})
public final class SignoffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The release plan.")
    Path file;

    @Parameters(index = "1", arity = "0..1", paramLabel = "ROLE", description = "The role signed for.")
    String role;

    @Option(names = "--by", paramLabel = "NAME", description = "Who signs (required with ROLE).")
    String by;

    @Option(names = "--state", paramLabel = "PATH", description = "The state file (default: .gantry/state.json beside the plan).")
    Path state;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ReleasePlan plan = PlanFile.load(file, spec.commandLine().getErr());
        String hash;
        try {
            hash = PlanHash.of(file);
        } catch (IOException e) {
            throw new UserFacingException(ExitCodes.ERROR, "The plan " + file + " cannot be read to hash it.");
        }
        Path stateFile = StateFile.locate(file, Optional.ofNullable(state));
        ReleaseState current = StateFile.read(stateFile);
        if (role != null) {
            if (by == null || by.isBlank()) {
                throw new UserFacingException(ExitCodes.USAGE, "Say who signs with --by NAME.");
            }
            SignOff signOff = new SignOff(role, by, Instant.now(), hash);
            Optional<String> refusal = SignOffRules.refusal(plan, hash, current.signoffs(), signOff);
            if (refusal.isPresent()) {
                throw new UserFacingException(ExitCodes.USAGE, "Not recorded: " + refusal.get() + ".");
            }
            current = current.with(signOff);
            StateFile.write(stateFile, current);
            out.println("Signed '" + role + "' by " + signOff.by() + " for plan revision " + shortHash(hash) + ".");
        }
        SignOffStatus status = SignOffRules.status(plan, hash, current.signoffs());
        print(out, plan, status);
        return role != null || status.complete() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private static void print(PrintWriter out, ReleasePlan plan, SignOffStatus status) {
        out.println("Sign-offs for " + plan.release().product() + " " + plan.release().version() + " (revision "
                + shortHash(status.planHash()) + "):");
        for (SignOff signOff : status.valid()) {
            out.println("  signed       " + signOff.role() + " by " + signOff.by() + " at " + signOff.at());
        }
        for (String role : status.outstanding()) {
            out.println("  outstanding  " + role + plan.role(role).filter(r -> !r.members().isEmpty())
                    .map(r -> " (" + String.join(", ", r.members()) + ")").orElse(""));
        }
        if (!status.voided().isEmpty()) {
            out.println("  void         " + status.voided().size()
                    + " sign-offs of an earlier revision; the plan changed since, so they no longer count");
        }
        out.println(status.complete() ? "All " + plan.signoffs().size() + " sign-offs are in."
                : status.outstanding().size() + " of " + plan.signoffs().size() + " sign-offs outstanding.");
    }

    private static String shortHash(String hash) {
        return hash.length() > 19 ? hash.substring(0, 19) : hash;
    }
}
