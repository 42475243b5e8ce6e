package dev.gantry.gate;

import dev.gantry.plan.CheckSpec;
import dev.gantry.plan.GateCategory;
import java.util.ArrayList;
import java.util.List;

/** A manual item is done once someone marks it, with evidence; until then it is pending. */
final class ManualCheck implements CheckEvaluator<CheckSpec.Manual> {
    @Override
    public CheckResult evaluate(CheckSpec.Manual spec, GateCategory.Item item, CheckContext context) {
        Mark mark = context.marks().get(item.id());
        if (mark == null) {
            List<String> evidence = new ArrayList<>();
            spec.instructions().ifPresent(text -> evidence.add("instructions: " + text));
            item.owner().ifPresent(owner -> evidence.add("owner: " + owner));
            return new CheckResult.Pending("nobody has marked it done yet", evidence);
        }
        return Results.pass("marked done by " + mark.by() + " at " + mark.at(),
                List.of("done by: " + mark.by(), "at: " + mark.at(), "evidence: " + mark.evidence()));
    }
}
