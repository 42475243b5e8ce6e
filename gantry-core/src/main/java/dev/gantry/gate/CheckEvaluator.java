package dev.gantry.gate;

import dev.gantry.plan.CheckSpec;
import dev.gantry.plan.GateCategory;

/**
 * Evaluates one kind of check. Implementations return a result for every input, bad data
 * included; an exception that escapes is a bug the engine reports as an ERROR result.
 * Implementations are stateless and thread-safe: the engine runs many checks at once.
 *
 * @param <S> the kind of check
 */
interface CheckEvaluator<S extends CheckSpec> {
    /**
     * Evaluates {@code spec}.
     *
     * @throws InterruptedException when the engine gives up on the check (timeout)
     */
    CheckResult evaluate(S spec, GateCategory.Item item, CheckContext context) throws InterruptedException;
}
