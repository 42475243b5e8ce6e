package dev.gantry.gate;

import dev.gantry.plan.CheckSpec;
import dev.gantry.plan.GateCategory;

/**
 * The {@code sql-lint} check. The SQL migration linter ({@code dev.gantry.migrate.sql}) is not
 * part of this build yet, so the check says so as an ERROR, which blocks a required item: a
 * check that cannot run never passes.
 */
final class SqlLintCheck implements CheckEvaluator<CheckSpec.SqlLint> {
    @Override
    public CheckResult evaluate(CheckSpec.SqlLint spec, GateCategory.Item item, CheckContext context) {
        return CheckResult.error("SQL linter not available in this build");
    }
}
