package dev.gantry.plan;

import java.util.List;
import java.util.Optional;

/**
 * Support readiness: the support documents, the team's preparation, known issues and the
 * escalation path.
 *
 * @param docs documents support needs (user guide, API docs, FAQ, ...)
 * @param team the team's preparation (training, runbooks accessible, ...)
 * @param knownIssues issues shipped knowingly, with workarounds
 * @param escalation who is called, in order
 */
public record Support(List<ChecklistItem> docs, List<ChecklistItem> team, List<KnownIssue> knownIssues,
        List<Escalation> escalation) {
    public static final Support NONE = new Support(List.of(), List.of(), List.of(), List.of());

    public Support {
        docs = List.copyOf(docs);
        team = List.copyOf(team);
        knownIssues = List.copyOf(knownIssues);
        escalation = List.copyOf(escalation);
    }

    /**
     * A thing to have done, ticked by a person.
     *
     * @param item what must be done
     * @param done whether it is
     * @param owner who does it
     * @param link where the result is
     */
    public record ChecklistItem(String item, boolean done, Optional<String> owner, Optional<String> link) {}

    /**
     * An issue the release ships with.
     *
     * @param issue what goes wrong
     * @param workaround what users do meanwhile
     * @param eta when a fix is expected
     */
    public record KnownIssue(String issue, String workaround, String eta) {}

    /**
     * One level of the escalation path.
     *
     * @param level its order, from 1
     * @param who who is called (a role, team or person)
     * @param contact how to reach them
     * @param after how long the previous level has before this one is called
     */
    public record Escalation(int level, String who, Optional<String> contact, Optional<String> after) {}
}
