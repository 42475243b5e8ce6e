package dev.gantry.plan;

import java.util.List;

/** What loading a plan gave: a valid plan, or every problem found. */
public sealed interface LoadResult {
    /** A plan without problems. */
    record Valid(ReleasePlan plan) implements LoadResult {}

    /** A plan with problems, in file order; never empty. */
    record Invalid(List<Problem> problems) implements LoadResult {
        public Invalid {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an invalid plan has at least one problem");
            }
        }
    }
}
