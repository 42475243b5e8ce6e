package dev.gantry.cli.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.cli.ExitCodes;
import dev.gantry.cli.UserFacingException;
import dev.gantry.cli.remote.ApiClient;
import dev.gantry.gate.GateReport;
import dev.gantry.gate.ItemResult;
import dev.gantry.plan.ReleasePlan;
import dev.gantry.signoff.PlanHash;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Posts a finished gate run to the control plane ({@code gantry gate run --report}): the plan's
 * hash and every item's result. The server checks the results against the revision with that
 * hash and decides the verdict itself with the waivers it holds.
 */
final class GateReportUpload {
    private GateReportUpload() {}

    /**
     * @return the server's answer: run number, verdict and the rest
     * @throws UserFacingException when the plan cannot be read or the server refuses
     */
    static JsonNode post(Path file, ReleasePlan plan, GateReport report, Optional<String> server) {
        String hash;
        try {
            hash = PlanHash.of(file);
        } catch (IOException e) {
            throw new UserFacingException(ExitCodes.ERROR, "Cannot read " + file + " to hash it: " + e.getMessage());
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (ItemResult result : report.results()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("category", result.category());
            item.put("id", result.item().id());
            item.put("status", result.status().name());
            item.put("reason", result.result().reason());
            item.put("evidence", result.result().evidence());
            item.put("durationMs", result.duration().toMillis());
            items.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("planHash", hash);
        body.put("items", items);
        String path = "/api/v1/releases/" + segment(plan.release().product()) + "/" + segment(plan.release().version())
                + "/gate-runs";
        return ApiClient.connect(server).post(path, Optional.of(body));
    }

    private static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
