package dev.gantry.upgrade;

import dev.gantry.env.ContractDiff;
import dev.gantry.env.DotEnv;
import dev.gantry.env.EnvironmentCheck;
import dev.gantry.plan.EnvVar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an operator must change in an env file before upgrading along a path: each action with
 * whether the file already does it, and the file checked against the last version's contract.
 *
 * <p>No action, note or verdict holds a secret's value. Stateless and thread-safe.
 */
public final class UpgradeCheck {
    private UpgradeCheck() {}

    /** What an action is about. */
    public enum Kind {
        /** Set a variable under its new name. */
        RENAME,
        /** Give a variable a value. */
        SET,
        /** Change a value the new contract refuses. */
        FIX,
        /** Remove (or comment out) a variable no longer read. */
        REMOVE,
        /** A behaviour change worth a look; nothing is required. */
        REVIEW
    }

    /** Where an action stands. */
    public enum Status {
        /** Must be done before upgrading. */
        TO_DO,
        /** The env file already does it. */
        DONE,
        /** Advised, not required to upgrade. */
        ADVICE
    }

    /**
     * One thing to do to the env file.
     *
     * @param kind what it is about
     * @param variable the variable (its name in the new version)
     * @param status where it stands
     * @param message what to do, in words; never a secret value
     * @param byApply whether {@code gantry upgrade apply} does it
     */
    public record Action(Kind kind, String variable, Status status, String message, boolean byApply) {
        public Action {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(variable, "variable");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The whole answer.
     *
     * @param path the upgrade path
     * @param actions what to do, in the new contract's order, then removals and notes
     * @param check the env file against the last version's contract
     * @param malformed the env file's lines that could not be read
     */
    public record Report(UpgradePath path, List<Action> actions, EnvironmentCheck.Report check,
            List<DotEnv.Problem> malformed) {
        public Report {
            Objects.requireNonNull(path, "path");
            actions = List.copyOf(actions);
            Objects.requireNonNull(check, "check");
            malformed = List.copyOf(malformed);
        }

        /** Whether the env file is ready for the last version: nothing to do and every line readable. */
        public boolean ready() {
            return malformed.isEmpty() && actions.stream().noneMatch(action -> action.status() == Status.TO_DO);
        }

        /** The actions still to do. */
        public List<Action> remaining() {
            return actions.stream().filter(action -> action.status() == Status.TO_DO).toList();
        }
    }

    /** Checks {@code env}, an env file for {@code path.from()}, for the upgrade to {@code path.to()}. */
    public static Report check(UpgradePath path, DotEnv env) {
        Map<String, String> values = env.values();
        // A variable secret in any version stays secret here: its value may sit in the file since then.
        Set<String> visible = EnvRewrite.visible(path);
        List<EnvVar> contract = path.target().variables().stream()
                .map(variable -> variable.secret() || visible.contains(variable.name()) ? variable : secret(variable)).toList();
        EnvironmentCheck.Report check = EnvironmentCheck.check(contract, values, true);
        List<Action> actions = new ArrayList<>();
        for (EnvironmentCheck.Verdict verdict : check.verdicts()) {
            String name = verdict.name();
            EnvVar variable = contract.stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
            Optional<UpgradePath.Rename> rename = path.renames().stream()
                    .filter(candidate -> candidate.newName().equals(name)).findFirst();
            Optional<String> source = rename.flatMap(r -> r.names().reversed().stream().skip(1)
                    .filter(values::containsKey).findFirst());
            if (rename.isPresent()) {
                String renamed = String.join(" -> ", rename.get().names());
                if (values.containsKey(name)) {
                    actions.add(new Action(Kind.RENAME, name, Status.DONE, "renamed " + renamed + ": " + name
                            + " is set" + keepOld(rename.get(), path, values), false));
                } else if (source.isPresent()) {
                    actions.add(new Action(Kind.RENAME, name, Status.TO_DO, "renamed " + renamed + ": set " + name
                            + " to the value of " + source.get() + keepOld(rename.get(), path, values)
                            + wouldFail(variable, values.get(source.get())), true));
                    continue;
                }
            }
            Optional<UpgradePath.Addition> added = path.added().stream()
                    .filter(addition -> addition.variable().name().equals(name)).findFirst();
            switch (verdict.status()) {
                case MISSING, RENAMED -> actions.add(new Action(Kind.SET, name, Status.TO_DO, "set " + name + ": "
                        + added.map(addition -> "new in " + addition.since() + ", ").orElse("") + "required, no default"
                        + variable.description().map(d -> " (" + d.strip().replaceAll("\\s+", " ").replaceAll("\\.$", "") + ")")
                                .orElse(""), false));
                case INVALID -> actions.add(new Action(values.getOrDefault(name, "").isEmpty() ? Kind.SET : Kind.FIX, name,
                        Status.TO_DO, (values.getOrDefault(name, "").isEmpty() ? "set " : "fix ") + name + ": "
                        + verdict.reason(), false));
                case DEFAULTED -> added.ifPresent(addition -> actions.add(new Action(Kind.SET, name, Status.ADVICE, name
                        + " is new in " + addition.since() + "; its default applies" + (variable.secret() ? ""
                        : " ('" + variable.defaultValue().orElse("") + "')") + "; apply writes it out", true)));
                default -> {
                    if (added.isPresent() && values.containsKey(name) && rename.isEmpty()) {
                        actions.add(new Action(Kind.SET, name, Status.DONE, name + " (new in " + added.get().since()
                                + ") is set", false));
                    }
                }
            }
        }
        for (UpgradePath.Removal removal : path.removed()) {
            String name = removal.variable().name();
            if (values.containsKey(name)) {
                actions.add(new Action(Kind.REMOVE, name, Status.ADVICE, name + " is no longer read from "
                        + removal.removedIn() + (removal.rollbackNeedsIt() ? "; " + path.from() + " needs it, so keep it while a "
                        + "rollback is possible, then delete it" : "; apply comments it out"), !removal.rollbackNeedsIt()));
            }
        }
        for (ContractDiff.Finding finding : path.net()) {
            if (finding.impact() != ContractDiff.Impact.BREAKS_UPGRADE && !finding.kind().equals("removed")
                    && !finding.kind().equals("renamed")
                    && !(finding.kind().equals("default-changed") && values.containsKey(finding.variable()))) {
                actions.add(new Action(Kind.REVIEW, finding.variable(), Status.ADVICE, finding.message(), false));
            }
        }
        return new Report(path, actions, check, env.problems());
    }

    private static EnvVar secret(EnvVar variable) {
        return new EnvVar(variable.name(), variable.type(), variable.required(), variable.defaultValue(), variable.pattern(),
                variable.minLength(), true, variable.values(), variable.since(), variable.deprecated(),
                variable.renamedFrom(), variable.removedIn(), variable.description(), variable.example());
    }

    private static String keepOld(UpgradePath.Rename rename, UpgradePath path, Map<String, String> values) {
        return values.containsKey(rename.oldName()) ? "; keep " + rename.oldName() + " while a rollback to " + path.from()
                + " is possible" : "";
    }

    /** Why the old name's value will not do under the new name, if it will not; never quotes a secret. */
    private static String wouldFail(EnvVar variable, String value) {
        EnvironmentCheck.Verdict verdict = EnvironmentCheck.check(List.of(variable), Map.of(variable.name(), value), false)
                .verdicts().getFirst();
        return verdict.status().satisfied() ? "" : "; but its value will not do: " + verdict.reason();
    }
}
