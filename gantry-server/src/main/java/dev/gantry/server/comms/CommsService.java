package dev.gantry.server.comms;

import dev.gantry.plan.Communication;
import dev.gantry.plan.ReleasePlan;
import dev.gantry.plan.Role;
import dev.gantry.server.audit.AuditLog;
import dev.gantry.server.db.Database;
import dev.gantry.server.http.ApiException;
import dev.gantry.server.notify.Notification;
import dev.gantry.server.notify.Notifier;
import dev.gantry.server.release.ReleaseFiles;
import dev.gantry.server.release.ReleaseStore;
import dev.gantry.server.rollout.RolledBack;
import dev.gantry.server.status.StatusPage;
import dev.gantry.server.status.StatusService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Communications of releases: drafts of the latest revision, approvals bound to a draft's content
 * hash, sending at the planned time ({@link #tick}, run by the leader) and on rollbacks, once per
 * (release, communication) as the sent log's key guarantees across restarts and replicas; the
 * notification's idempotency key is derived from the same key, so a crash between handing it to
 * the {@link Notifier} and writing the log cannot send it twice. Thread-safe.
 */
public final class CommsService implements RolledBack.Listener {
    /** How long a failed scheduled send waits before the scheduler tries again. */
    static final Duration RETRY_AFTER = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(CommsService.class);
    private static final String SCHEDULER = "system (scheduler)";

    private final CommsStore store;
    private final ReleaseStore releases;
    private final ReleaseFiles files;
    private final Notifier notifier;
    private final StatusService status;
    private final Clock clock;

    /**
     * A draft with where it stands.
     *
     * @param draft the rendered draft
     * @param state its state now
     * @param approval the approval of this content, if any
     * @param detail the sent log's detail, or why it is overdue
     */
    public record DraftStatus(Draft draft, Draft.State state, Optional<Approved> approval, Optional<String> detail) {}

    /**
     * An approval of a draft's content.
     *
     * @param role the role approved as ({@code ""} when the entry names none)
     * @param by who
     * @param at when
     */
    public record Approved(String role, String by, Instant at) {}

    /**
     * A sent-log entry.
     *
     * @param key the once-only key
     * @param communication the plan's id
     * @param trigger schedule or rollback
     * @param revision the revision sent
     * @param contentHash the draft's hash
     * @param delivery where it went
     * @param state sent or failed
     * @param detail what happened
     * @param at when
     * @param by who (the scheduler, the rollback, or an operator)
     */
    public record SentEntry(String key, String communication, String trigger, long revision, String contentHash,
            String delivery, String state, String detail, Instant at, String by) {}

    /**
     * @param db the database
     * @param audit the audit log
     * @param releases pushed plans
     * @param files the templates pushed with them
     * @param notifier where messages go
     * @param status the status page, for status-page communications
     * @param clock the time source
     */
    public CommsService(Database db, AuditLog audit, ReleaseStore releases, ReleaseFiles files, Notifier notifier,
            StatusService status, Clock clock) {
        this.store = new CommsStore(db, audit, clock);
        this.releases = releases;
        this.files = files;
        this.notifier = notifier;
        this.status = status;
        this.clock = clock;
    }

    /** @return the drafts of a release's latest revision with their states (404 for an unknown release) */
    public List<DraftStatus> list(String product, String version) {
        ReleaseStore.Loaded loaded = releases.latest(product, version);
        List<CommsStore.Approval> approvals = store.approvals(product, version);
        List<CommsStore.Sent> log = store.sentLog(product, version);
        return drafts(loaded).stream().map(d -> status(d, approvals, log)).toList();
    }

    /** @return one draft with its state; 404 when the release or communication does not exist */
    public DraftStatus get(String product, String version, String id) {
        return list(product, version).stream().filter(s -> s.draft().id().equals(id)).findFirst()
                .orElseThrow(() -> ApiException.notFound("Release " + product + " " + version
                        + " has no communication '" + id + "'."));
    }

    /** @return the body of a status-page communication's launch window (the subject when it cannot render) */
    public String windowText(ReleaseStore.Loaded loaded, Communication c) {
        Draft d = Drafts.of(loaded, c, files(loaded));
        return d.problem().isPresent() || d.body().isBlank() ? d.subject() : d.body().strip();
    }

    /**
     * Approves the current draft of {@code id} as the entry's approval role.
     *
     * @param approver the approver's name (a member of the role when the plan lists members)
     * @param expectedHash the content hash the approver read, when given
     * @throws ApiException 404, 409 (content changed or already approved), 422 (not a member, or a draft with a problem)
     */
    public DraftStatus approve(String actor, String approver, String product, String version, String id,
            Optional<String> expectedHash) {
        DraftStatus current = get(product, version, id);
        Draft d = current.draft();
        if (expectedHash.isPresent() && !expectedHash.get().equals(d.contentHash())) {
            throw ApiException.conflict("The draft of '" + id + "' changed since it was read (now " + d.contentHash()
                    + "); read it again and approve what is there.").with("contentHash", d.contentHash());
        }
        if (d.problem().isPresent()) {
            throw ApiException.of(422, "approval-refused", "Approval refused",
                    "Draft '" + id + "' cannot be approved: " + d.problem().get() + ".");
        }
        if (current.approval().isPresent()) {
            throw ApiException.conflict("Draft '" + id + "' is already approved by " + current.approval().get().by() + ".");
        }
        String role = d.communication().approval().orElse("");
        ReleasePlan plan = releases.latest(product, version).plan();
        Optional<Role> declared = role.isEmpty() ? Optional.empty() : plan.role(role);
        if (declared.isPresent() && !declared.get().members().isEmpty()
                && declared.get().members().stream().noneMatch(m -> m.equalsIgnoreCase(approver))) {
            throw ApiException.of(422, "approval-refused", "Approval refused", "Approval refused: " + approver
                    + " does not hold role '" + role + "'; its members are " + String.join(", ", declared.get().members()) + ".");
        }
        store.approve(actor, d, role, approver);
        return get(product, version, id);
    }

    /**
     * Sends an approved draft now (a scheduled one before or after its time, or a rollback message
     * that failed because it was not approved in time).
     *
     * @throws ApiException 404, 409 (not approved, already sent, published by hand, nothing to resend)
     */
    public SentEntry sendNow(String actor, String product, String version, String id) {
        DraftStatus s = get(product, version, id);
        Draft d = s.draft();
        if (s.approval().isEmpty()) {
            throw ApiException.conflict("Draft '" + id + "' is not approved; approve it first.");
        }
        if (d.problem().isPresent()) {
            throw ApiException.conflict("Draft '" + id + "' cannot be sent: " + d.problem().get() + ".");
        }
        if (d.delivery().kind() == Draft.Delivery.Kind.BY_HAND) {
            throw ApiException.conflict("Communication '" + id + "' has no channel (medium "
                    + d.communication().medium().planName() + "); publish it by hand.");
        }
        String key;
        if (d.communication().trigger() == Communication.Trigger.SCHEDULE) {
            key = scheduleKey(d);
        } else {
            CommsStore.Sent failed = store.sentLog(product, version).stream()
                    .filter(x -> x.commId().equals(id) && x.state().equals("failed")).reduce((a, b) -> b)
                    .orElseThrow(() -> ApiException.conflict("Communication '" + id + "' is sent on a "
                            + d.communication().trigger().planName() + ", and none is waiting to be resent."));
            key = failed.key();
        }
        Optional<CommsStore.Sent> done = store.sent(key).filter(x -> x.state().equals("sent"));
        if (done.isPresent()) {
            throw ApiException.conflict("Communication '" + id + "' was already sent at " + done.get().at() + ".");
        }
        deliver(actor, key, d);
        return entry(store.sent(key).orElseThrow());
    }

    /** @return the sent log of a release, oldest first */
    public List<SentEntry> sentLog(String product, String version) {
        releases.revisions(product, version); // 404 for an unknown release
        return store.sentLog(product, version).stream().map(CommsService::entry).toList();
    }

    /**
     * Sends every approved scheduled communication whose time has come and that is not in the
     * sent log yet. Run by the leader; safe to run concurrently and repeatedly.
     */
    public void tick() {
        Instant now = clock.instant();
        for (ReleaseStore.Revision r : releases.list()) {
            try {
                ReleaseStore.Loaded loaded = releases.latest(r.product(), r.version());
                if (loaded.plan().communications().stream().noneMatch(c -> c.trigger() == Communication.Trigger.SCHEDULE)) {
                    continue;
                }
                List<CommsStore.Approval> approvals = store.approvals(r.product(), r.version());
                for (Draft d : drafts(loaded)) {
                    if (d.due().isEmpty() || now.isBefore(d.due().get()) || d.problem().isPresent()
                            || d.delivery().kind() == Draft.Delivery.Kind.BY_HAND
                            || approval(d, approvals).isEmpty()) {
                        continue;
                    }
                    Optional<CommsStore.Sent> row = store.sent(scheduleKey(d));
                    if (row.isPresent() && (row.get().state().equals("sent")
                            || now.isBefore(row.get().at().plus(RETRY_AFTER)))) {
                        continue;
                    }
                    deliver(SCHEDULER, scheduleKey(d), d);
                }
            } catch (RuntimeException e) {
                LOG.warn("Communications of {} {} not processed: {}", r.product(), r.version(), e.getMessage());
            }
        }
    }

    /** Sends the release's rollback communications, once per rollback. Never throws. */
    @Override
    public void rolledBack(RolledBack event) {
        try {
            ReleaseStore.Loaded loaded;
            try {
                loaded = releases.load(event.product(), event.version(), Optional.of(event.revision()));
            } catch (ApiException e) {
                loaded = releases.latest(event.product(), event.version());
            }
            List<CommsStore.Approval> approvals = store.approvals(event.product(), event.version());
            for (Draft d : drafts(loaded)) {
                if (d.communication().trigger() != Communication.Trigger.ROLLBACK) {
                    continue;
                }
                String key = scheduleKey(d) + "/rollback/" + event.revision() + "/" + event.at();
                if (store.sent(key).isPresent()) {
                    continue;
                }
                if (approval(d, approvals).isEmpty()) {
                    store.record("system (rollback)", key, d, "rollback", false,
                            "not approved before the rollback; approve it, then send it with send-now");
                } else if (d.problem().isPresent() || d.delivery().kind() == Draft.Delivery.Kind.BY_HAND) {
                    store.record("system (rollback)", key, d, "rollback", false, d.problem()
                            .orElse("no channel: publish it by hand"));
                } else {
                    deliver("system (rollback)", key, d);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Rollback communications of {} {} not sent: {}", event.product(), event.version(), e.getMessage());
        }
    }

    private void deliver(String actor, String key, Draft d) {
        String trigger = d.communication().trigger().planName();
        try {
            String detail = switch (d.delivery().kind()) {
                case CHANNEL -> {
                    Map<String, String> facts = new LinkedHashMap<>();
                    facts.put("release", d.product() + " " + d.version());
                    facts.put("communication", d.id());
                    facts.put("audience", d.communication().audience());
                    boolean fresh = notifier.enqueue(new Notification("comm:" + key, d.delivery().channel().orElseThrow(),
                            Notification.Kind.MESSAGE, d.product() + "/" + d.version() + "/" + d.id(),
                            Notification.Severity.INFO, d.subject(), d.body(), facts, Optional.empty()));
                    yield (fresh ? "handed to the outbox for " : "already in the outbox for ") + d.delivery().text();
                }
                case STATUS_PAGE -> {
                    if (d.communication().trigger() != Communication.Trigger.SCHEDULE) {
                        StatusPage.Incident incident = status.rollbackIncident(d.product(), d.version())
                                .orElseThrow(() -> new IllegalStateException("the status page has no incident for the rollback"));
                        status.update(actor, incident.id(), incident.status(), d.body().isBlank() ? d.subject() : d.body(),
                                Optional.empty());
                        yield "posted to status page incident " + incident.id();
                    }
                    yield "shown on the status page as a maintenance window";
                }
                case BY_HAND -> throw new IllegalStateException("no channel: publish it by hand");
            };
            store.record(actor, key, d, trigger, true, detail);
        } catch (RuntimeException e) {
            LOG.warn("Communication {} of {} {} not sent: {}", d.id(), d.product(), d.version(), e.getMessage());
            store.record(actor, key, d, trigger, false, "not sent: " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private List<Draft> drafts(ReleaseStore.Loaded loaded) {
        Map<String, String> templates = files(loaded);
        return loaded.plan().communications().stream().map(c -> Drafts.of(loaded, c, templates)).toList();
    }

    private Map<String, String> files(ReleaseStore.Loaded loaded) {
        return files.files(loaded.revision().product(), loaded.revision().version(), loaded.revision().revision());
    }

    private DraftStatus status(Draft d, List<CommsStore.Approval> approvals, List<CommsStore.Sent> log) {
        Instant now = clock.instant();
        Optional<Approved> approval = approval(d, approvals);
        Optional<CommsStore.Sent> row = d.communication().trigger() == Communication.Trigger.SCHEDULE
                ? log.stream().filter(x -> x.key().equals(scheduleKey(d))).findFirst()
                : log.stream().filter(x -> x.commId().equals(d.id())).max(Comparator.comparing(CommsStore.Sent::at));
        if (row.isPresent()) {
            return new DraftStatus(d, row.get().state().equals("sent") ? Draft.State.SENT : Draft.State.FAILED, approval,
                    Optional.of(row.get().detail()));
        }
        boolean due = d.due().isPresent() && !now.isBefore(d.due().get());
        if (approval.isPresent()) {
            return new DraftStatus(d, d.due().isPresent() && !due ? Draft.State.SCHEDULED : Draft.State.APPROVED, approval,
                    d.delivery().kind() == Draft.Delivery.Kind.BY_HAND ? Optional.of("publish it by hand") : Optional.empty());
        }
        return due ? new DraftStatus(d, Draft.State.OVERDUE, approval, Optional.of("its time " + d.due().get()
                + " has passed without an approval of this content; it was not sent"))
                : new DraftStatus(d, Draft.State.DRAFT, approval, d.problem());
    }

    private static Optional<Approved> approval(Draft d, List<CommsStore.Approval> approvals) {
        return approvals.stream().filter(a -> a.commId().equals(d.id()) && a.contentHash().equals(d.contentHash()))
                .findFirst().map(a -> new Approved(a.role(), a.by(), a.at()));
    }

    private static String scheduleKey(Draft d) {
        return d.product() + "/" + d.version() + "/" + d.id();
    }

    private static SentEntry entry(CommsStore.Sent s) {
        return new SentEntry(s.key(), s.commId(), s.trigger(), s.revision(), s.contentHash(), s.delivery(), s.state(),
                s.detail(), s.at(), s.by());
    }
}
