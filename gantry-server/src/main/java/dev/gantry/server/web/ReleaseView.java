package dev.gantry.server.web;

import dev.gantry.impact.ImpactReport;
import dev.gantry.plan.Change;
import dev.gantry.timeline.Timeline;
import java.util.List;

/**
 * One release's page: timeline with today's marker, change inventory and migration impact, gate
 * results with evidence, the sign-off matrix, the rollout and the communication schedule.
 *
 * @param chrome the frame
 * @param product the product
 * @param version the version
 * @param revision the plan revision shown
 * @param owner the release owner
 * @param launch launch day, ISO date
 * @param releaseDay today as a release day
 * @param stage where the release is in its life
 * @param verdict the latest gate run's verdict, {@code NONE} before any run
 * @param verdictLabel the verdict in words
 * @param gateRun which run the gate results come from, in words
 * @param before timeline entries up to today
 * @param after timeline entries after today
 * @param today today, ISO date
 * @param changes the changes shipped
 * @param deferred how many changes were deferred
 * @param impact what each audience must do
 * @param gates the checklist by category with the latest results
 * @param signoffs the sign-off matrix
 * @param voided sign-offs of earlier revisions, which no longer count
 * @param rollout the rollout panel
 * @param charts one live chart per rollout guard
 * @param communications the communication schedule
 */
public record ReleaseView(Chrome chrome, String product, String version, long revision, String owner, String launch,
        String releaseDay, String stage, String verdict, String verdictLabel, String gateRun,
        List<Timeline.Entry> before, List<Timeline.Entry> after, String today, List<Change> changes, int deferred,
        List<ImpactReport.AudienceImpact> impact, List<GateGroup> gates, List<SignRow> signoffs, List<SignRow> voided,
        RolloutPanel rollout, List<RolloutPanel.Chart> charts, List<CommRow> communications) {
    public ReleaseView {
        before = List.copyOf(before);
        after = List.copyOf(after);
        changes = List.copyOf(changes);
        impact = List.copyOf(impact);
        gates = List.copyOf(gates);
        signoffs = List.copyOf(signoffs);
        voided = List.copyOf(voided);
        charts = List.copyOf(charts);
        communications = List.copyOf(communications);
    }

    /** @return the page's base path */
    public String path() {
        return path(product, version);
    }

    /** @return the page path of a release, segments URL-encoded */
    public static String path(String product, String version) {
        return "/releases/" + segment(product) + "/" + segment(version);
    }

    static String segment(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * A gate category.
     *
     * @param id the category
     * @param items its items with results
     */
    public record GateGroup(String id, List<GateRow> items) {
        public GateGroup {
            items = List.copyOf(items);
        }
    }

    /**
     * A checklist item and its latest result.
     *
     * @param id the item
     * @param title what it checks
     * @param required whether failing it is NO-GO
     * @param type the check type
     * @param status PASS, FAIL, ... or NOT_RUN
     * @param reason why
     * @param evidence facts behind the result
     */
    public record GateRow(String id, String title, boolean required, String type, String status, String reason,
            List<String> evidence) {
        public GateRow {
            evidence = List.copyOf(evidence);
        }
    }

    /**
     * A role of the sign-off matrix.
     *
     * @param role the role
     * @param status {@code signed}, {@code outstanding} or {@code voided}
     * @param by who signed, empty when nobody
     * @param at when, empty when not signed
     * @param canSign whether the signed-in person may sign it now
     */
    public record SignRow(String role, String status, String by, String at, boolean canSign) {}

    /**
     * A scheduled or triggered message.
     *
     * @param id the communication
     * @param audience who it is for
     * @param medium how it reaches them
     * @param day the release day ({@code D-7}), or the trigger for triggered ones
     * @param date the calendar day, empty for triggered ones
     * @param at the time of day
     * @param subject its subject, empty when none
     * @param via the channel that sends it, or "by hand"
     * @param status sent (day over), today or upcoming
     */
    public record CommRow(String id, String audience, String medium, String day, String date, String at,
            String subject, String via, String status) {}
}
