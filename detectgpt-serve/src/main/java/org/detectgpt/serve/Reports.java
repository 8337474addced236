package org.detectgpt.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.detectgpt.report.DocumentReport;
import org.detectgpt.report.Formats;
import org.detectgpt.report.HtmlReport;
import org.detectgpt.report.Row;

/** The page's view of a scan's reports: rows with the report's own number formats. */
final class Reports {
    private Reports() {}

    /**
     * @param i the row's number (how the page asks for the document's highlighted view)
     * @return the row: raw numbers to sort on, and the texts the HTML report shows
     */
    static ObjectNode row(ObjectMapper mapper, int i, DocumentReport report) {
        Row r = Row.of(report);
        ObjectNode o = mapper.createObjectNode();
        o.put("i", i);
        o.put("path", r.path());
        o.put("verdict", report.label());
        o.put("rank", report.rank());
        number(o, "probability", r.probability(), Formats.probability(r.probability()));
        number(o, "score", r.score(), Formats.score(r.score()));
        number(o, "humanPercentile", r.humanPercentile(), Formats.percentile(r.humanPercentile()));
        number(o, "machinePercentile", r.machinePercentile(), Formats.percentile(r.machinePercentile()));
        o.put("language", r.language() == null ? "" : r.language());
        number(o, "length", r.words() < 0 ? Double.NaN : r.words(), r.words() < 0 ? "" : HtmlReport.length(r));
        o.put("note", r.reason() == null ? "" : r.reason());
        return o;
    }

    private static void number(ObjectNode o, String key, double v, String shown) {
        ObjectNode n = o.putObject(key);
        if (Double.isNaN(v)) {
            n.putNull("v");
        } else {
            n.put("v", v);
        }
        n.put("text", shown);
    }
}
