package dev.gantry.plan;

import java.util.List;
import java.util.Optional;

/** What loading an environment contract gave: its variables, or every problem found. */
public sealed interface ContractLoad {
    /**
     * A contract without problems.
     *
     * @param variables the contract's variables, in file order
     * @param version the version the contract belongs to, when the file says
     */
    record Loaded(List<EnvVar> variables, Optional<String> version) implements ContractLoad {
        public Loaded {
            variables = List.copyOf(variables);
        }
    }

    /** A contract with problems, in file order. */
    record Invalid(List<Problem> problems) implements ContractLoad {
        public Invalid {
            problems = List.copyOf(problems);
        }
    }
}
