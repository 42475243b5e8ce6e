package dev.gantry.gate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The gate's answer: every item's result in plan order, the verdict, and why. Built by
 * {@link #decide}, which holds the verdict rules (docs/gates.md):
 *
 * <ul>
 *   <li>a required item that is not PASS or WARN blocks, unless a waiver for it is active;
 *   <li>optional items never block;
 *   <li>an expired waiver waives nothing and is listed as expired;
 *   <li>NO-GO when anything blocks, GO WITH WAIVERS when a waiver was needed, else GO.
 * </ul>
 *
 * @param results every item's result, in plan order
 * @param verdict the verdict
 * @param blocking the required items that are not ready and not waived
 * @param waived the required items not ready but covered by an active waiver, with the waiver
 * @param expiredWaivers waivers given for items that were not ready but that have expired
 * @param decidedAt when the verdict was decided
 */
public record GateReport(List<ItemResult> results, Verdict verdict, List<ItemResult> blocking, List<Waived> waived,
        List<Waiver> expiredWaivers, Instant decidedAt) {
    public GateReport {
        results = List.copyOf(results);
        blocking = List.copyOf(blocking);
        waived = List.copyOf(waived);
        expiredWaivers = List.copyOf(expiredWaivers);
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }

    /**
     * A required item that was not ready, and the waiver that lets the release go anyway.
     *
     * @param result the item's result
     * @param waiver the active waiver
     */
    public record Waived(ItemResult result, Waiver waiver) {}

    /**
     * Decides the verdict for {@code results}.
     *
     * @param results the items' results, in plan order
     * @param waivers every waiver on record; only active ones for blocking items count
     * @param now the instant waivers are judged at
     */
    public static GateReport decide(List<ItemResult> results, List<Waiver> waivers, Instant now) {
        List<ItemResult> blocking = new ArrayList<>();
        List<Waived> waived = new ArrayList<>();
        List<Waiver> expired = new ArrayList<>();
        for (ItemResult result : results) {
            if (!result.blocking()) {
                continue;
            }
            List<Waiver> forItem = waivers.stream().filter(w -> w.item().equals(result.item().id())).toList();
            Optional<Waiver> active = forItem.stream().filter(w -> w.activeAt(now))
                    .max(java.util.Comparator.comparing(Waiver::expires));
            if (active.isPresent()) {
                waived.add(new Waived(result, active.get()));
            } else {
                blocking.add(result);
                expired.addAll(forItem);
            }
        }
        Verdict verdict = !blocking.isEmpty() ? Verdict.NO_GO : waived.isEmpty() ? Verdict.GO : Verdict.GO_WITH_WAIVERS;
        return new GateReport(results, verdict, blocking, waived, expired, now);
    }

    /** How many items came out with {@code status}. */
    public long count(CheckStatus status) {
        return results.stream().filter(result -> result.status() == status).count();
    }
}
