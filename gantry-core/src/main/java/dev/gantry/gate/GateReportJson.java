package dev.gantry.gate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a gate report that the CLI prints and the server stores: verdict, blocking and
 * waived items, and every item with its status, reason, evidence and duration. One definition,
 * so a report reads the same wherever it is shown.
 */
public final class GateReportJson {
    private GateReportJson() {}

    /** The report's fields, in a stable order, ready for a JSON writer. */
    public static Map<String, Object> fields(GateReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("verdict", report.verdict().name());
        root.put("label", report.verdict().label());
        root.put("decidedAt", report.decidedAt().toString());
        root.put("blocking", report.blocking().stream().map(r -> r.item().id()).toList());
        root.put("waived", report.waived().stream().map(w -> {
            Map<String, Object> waived = new LinkedHashMap<>();
            waived.put("item", w.result().item().id());
            waived.put("reason", w.waiver().reason());
            waived.put("grantedBy", w.waiver().grantedBy());
            waived.put("expires", w.waiver().expires().toString());
            return waived;
        }).toList());
        root.put("expiredWaivers", report.expiredWaivers().stream().map(w -> {
            Map<String, Object> expired = new LinkedHashMap<>();
            expired.put("item", w.item());
            expired.put("grantedBy", w.grantedBy());
            expired.put("expired", w.expires().toString());
            return expired;
        }).toList());
        List<Map<String, Object>> items = new ArrayList<>();
        for (ItemResult result : report.results()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("category", result.category());
            item.put("id", result.item().id());
            item.put("title", result.item().title());
            item.put("required", result.item().required());
            item.put("type", result.item().check().type());
            item.put("status", result.status().name());
            item.put("reason", result.result().reason());
            item.put("evidence", result.result().evidence());
            item.put("durationMs", result.duration().toMillis());
            items.add(item);
        }
        root.put("items", items);
        return root;
    }
}
