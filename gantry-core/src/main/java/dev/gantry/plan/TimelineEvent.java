package dev.gantry.plan;

import java.util.Optional;

/**
 * A dated event of the release: code freeze, release branch, go/no-go, launch, review.
 *
 * @param day when it happens (its first day, when it spans several)
 * @param until its last day, when it spans several
 * @param name what happens
 * @param kind what kind of event it is; Gantry acts on some kinds (the code freeze)
 * @param owner who runs it
 */
public record TimelineEvent(DayRef day, Optional<DayRef> until, String name, Kind kind, Optional<String> owner) {
    /** Kinds of event Gantry knows. */
    public enum Kind implements PlanEnum {
        CODE_FREEZE, RELEASE_BRANCH, TESTING, STAGING, GO_NO_GO, LAUNCH, PHASE, REVIEW, RETROSPECTIVE, OTHER
    }
}
