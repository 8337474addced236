package org.detectgpt.report;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.detectgpt.calibrate.Calibrator;
import org.detectgpt.detect.ScoredSentence;
import org.detectgpt.DetectGptException;
import org.jsoup.nodes.Entities;

/**
 * The HTML report: one self-contained page (inline CSS and a few lines of JavaScript, nothing
 * fetched) for a teacher to open in a browser. It holds a plain-language caution, the summary
 * counts, how the verdicts were made (model, criterion, calibration, threshold, target
 * false-positive rate), a sortable table, and each document's text with its most machine-like
 * sentences highlighted.
 */
public final class HtmlReport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private HtmlReport() {}

    /**
     * @param file the file to write
     * @param context how the scan was made
     * @param reports the documents
     * @throws DetectGptException if it cannot be written
     */
    public static void write(Path file, ReportContext context, List<DocumentReport> reports)
            throws DetectGptException {
        String page = render(context, reports);
        ReportFiles.writeAtomically(file, w -> w.write(page));
    }

    /**
     * @param context how the scan was made
     * @param reports the documents
     * @return the page
     */
    public static String render(ReportContext context, List<DocumentReport> reports) {
        StringBuilder h = new StringBuilder(4096 + reports.size() * 4096);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .append("<title>detectgpt report</title><style>").append(CSS).append("</style></head><body>\n")
            .append("<h1>detectgpt report</h1>\n<p class=\"meta\">")
            .append(reports.size()).append(" documents · made ")
            .append(esc(TIME.format(context.created().atZone(ZoneId.systemDefault())))).append("</p>\n");
        caution(h, context);
        summary(h, reports);
        settings(h, context);
        table(h, reports);
        h.append("<h2>Texts</h2>\n<p class=\"help\"><mark>Highlighted</mark> sentences are the most "
            + "machine-like of their document, compared with its other sentences. A single sentence is far too "
            + "short for a verdict of its own: they show where to look, not what to conclude.</p>\n");
        for (int i = 0; i < reports.size(); i++) {
            document(h, i, reports.get(i));
        }
        h.append("<script>").append(SORT_JS).append("</script>\n</body></html>\n");
        return h.toString();
    }

    /**
     * @param context how the scan was made
     * @return the plain-words caution that opens the report (a {@code <div class="caution">}), for
     *     pages that show the report's results in their own way
     */
    public static String caution(ReportContext context) {
        StringBuilder h = new StringBuilder(1024);
        caution(h, context);
        return h.toString();
    }

    /**
     * @param i the document's number in its report (its anchor is {@code doc-i})
     * @param r the document
     * @return the document's view as the report draws it: a {@code <section>} with its verdict,
     *     numbers and text, its most machine-like sentences highlighted
     */
    public static String section(int i, DocumentReport r) {
        StringBuilder h = new StringBuilder(4096);
        document(h, i, r);
        return h.toString();
    }

    /** @return the report's style sheet, for pages that embed its {@linkplain #section sections} */
    public static String css() {
        return CSS;
    }

    private static void caution(StringBuilder h, ReportContext c) {
        String fpr = c.calibration().flatMap(s -> s.calibrations().stream().findFirst())
            .map(k -> Formats.percent(k.targetFpr())).orElse(null);
        h.append("<div class=\"caution\"><strong>Please read before acting on this report.</strong> ")
            .append("A score is evidence for a conversation with the writer, not proof. Detectors make mistakes: ")
            .append("they are known to flag texts by non-native English writers more often, and very formulaic ")
            .append("or heavily edited writing too. ");
        java.util.Optional<org.detectgpt.calibrate.Calibration> k = c.calibration()
            .flatMap(set -> set.calibrations().stream().findFirst());
        if (fpr != null) {
            double f = k.get().targetFpr();
            h.append("The likely-machine threshold was set so that about ").append(esc(fpr)).append(" of the human ")
                .append("texts it was calibrated on are flagged: in a class of 30 honest students, ")
                .append(esc(String.format(Locale.ROOT, "%.1f", 30 * f))).append(" would be flagged on average ")
                .append(esc(String.format(Locale.ROOT, "(one or more in %.0f%% of such classes). ",
                    100 * (1 - Math.pow(1 - f, 30)))));
            if (k.get().hasMachineScores()) {
                double m = k.get().targetFnr();
                h.append("Likely-human is given only below the score of all but ").append(esc(Formats.percent(m)))
                    .append(" of the machine texts it was calibrated on: if all 30 essays were machine-written, about ")
                    .append(esc(String.format(Locale.ROOT, "%.1f", 30 * m))).append(" would still be called ")
                    .append("likely-human. Machine texts unlike the calibration texts (other generators, heavy ")
                    .append("editing) slip through more often. ");
            }
        } else {
            h.append("This scan had no calibration, so no document was called likely-machine or likely-human. ");
        }
        h.append("Never decide on the score alone: talk with the student, look at drafts and notes.</div>\n");
    }

    private static void summary(StringBuilder h, List<DocumentReport> reports) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String v : DocumentReport.LABELS) {
            counts.put(v, 0);
        }
        reports.forEach(r -> counts.merge(r.label(), 1, Integer::sum));
        h.append("<h2>Summary</h2>\n<ul class=\"counts\">");
        counts.forEach((v, n) -> h.append("<li class=\"v-").append(v).append("\"><b>").append(n)
            .append("</b> ").append(v).append("</li>"));
        h.append("</ul>\n<dl class=\"help\">")
            .append("<dt>likely-machine</dt><dd>scored at or above the threshold that only the target share of ")
            .append("known-human calibration texts reached.</dd>")
            .append("<dt>likely-human</dt><dd>scored below almost all known-machine calibration texts (all but the ")
            .append("target share).</dd>")
            .append("<dt>inconclusive</dt><dd>in between, shorter than the length at which the detector was ")
            .append("measured to be reliable, or no calibration for the text's language: the score supports ")
            .append("neither conclusion.</dd>")
            .append("<dt>too-short</dt><dd>too short to score at all.</dd>")
            .append("<dt>error</dt><dd>the file could not be read; the note says why.</dd></dl>\n");
    }

    private static void settings(StringBuilder h, ReportContext c) {
        h.append("<h2>How the verdicts were made</h2>\n<table class=\"settings\">");
        for (String lang : c.languages()) {
            setting(h, "Model (" + lang + ")", c.models().get(lang));
        }
        setting(h, "Criterion", c.criterion() + " (higher score = more machine-like)");
        setting(h, "Calibration", c.calibrationSummary());
        c.calibration().ifPresent(set -> set.calibrations().forEach(k -> {
            setting(h, "Threshold (" + k.language().code() + ")", String.format(Locale.ROOT,
                "%.4f for a target false-positive rate of %s; %.0f%% bootstrap interval %.4f to %.4f",
                k.threshold(), Formats.percent(k.targetFpr()), 100 * k.confidence(), k.ciLow(), k.ciHigh()));
            setting(h, "Target false-positive rate (" + k.language().code() + ")", Formats.percent(k.targetFpr())
                + " of human texts flagged, measured on " + k.size() + " human texts (model " + k.model()
                + ", criterion " + k.criterion() + ")");
            if (!k.sourceRates().isEmpty()) {
                setting(h, "False positives per human source (" + k.language().code() + ")", String.format(Locale.ROOT,
                    "each source of %d texts or more held to %s as well; at the threshold: ",
                    Calibrator.MIN_SOURCE_TEXTS, Formats.percent(k.sourceFpr()))
                    + k.sourceRates().stream().map(r -> String.format(Locale.ROOT, "%s %d of %d%s", r.source(),
                        r.likelyMachine(), r.texts(), r.bounded() ? "" : " (not held to it)"))
                        .collect(Collectors.joining("; ")));
            }
            setting(h, "Likely-human bound (" + k.language().code() + ")", k.hasMachineScores()
                ? String.format(Locale.ROOT, "score below %.4f: at most %s of %d machine texts (%s) scored so low; "
                    + "P(machine) at a prior of %s", k.humanThreshold(), Formats.percent(k.targetFnr()),
                    k.machineScores().length, k.machineSource(), Formats.percent(k.prior()))
                : "none: no machine calibration texts, so no text is called likely-human");
        }));
        setting(h, "Minimum length for a verdict", c.minWords() + " words; Chinese: " + c.minChineseChars()
            + " characters (shorter texts are scored but inconclusive; the shortest are not scored: too-short)");
        h.append("</table>\n");
    }

    private static void setting(StringBuilder h, String key, String value) {
        h.append("<tr><th>").append(esc(key)).append("</th><td>").append(esc(value)).append("</td></tr>");
    }

    private static void table(StringBuilder h, List<DocumentReport> reports) {
        h.append("<h2>Documents</h2>\n<p class=\"help\">Click a column header to sort.</p>\n")
            .append("<table id=\"documents\" class=\"sortable\"><thead><tr>")
            .append("<th data-type=\"text\">File</th><th data-type=\"num\">Verdict</th>")
            .append("<th data-type=\"num\">P(machine)</th><th data-type=\"num\">Score</th>")
            .append("<th data-type=\"num\">Human percentile</th><th data-type=\"num\">Machine percentile</th>")
            .append("<th data-type=\"text\">Language</th><th data-type=\"num\">Length</th>")
            .append("<th data-type=\"text\">Note</th></tr></thead><tbody>\n");
        for (int i = 0; i < reports.size(); i++) {
            DocumentReport d = reports.get(i);
            Row r = Row.of(d);
            h.append("<tr class=\"v-").append(r.label()).append("\"><td><a href=\"#doc-").append(i)
                .append("\">").append(esc(r.path())).append("</a></td><td data-v=\"").append(d.rank())
                .append("\">").append(r.label()).append("</td>");
            numberCell(h, r.probability(), Formats.probability(r.probability()));
            numberCell(h, r.score(), Formats.score(r.score()));
            numberCell(h, r.humanPercentile(), Formats.percentile(r.humanPercentile()));
            numberCell(h, r.machinePercentile(), Formats.percentile(r.machinePercentile()));
            h.append("<td>").append(esc(r.language() == null ? "" : r.language())).append("</td>");
            numberCell(h, r.words() < 0 ? Double.NaN : r.words(), r.words() < 0 ? "" : length(r));
            h.append("<td>").append(esc(r.reason() == null ? "" : r.reason())).append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    /** @return "216 words", or for a Chinese text "345 characters" (what its length is counted in) */
    /**
     * @param r a document's cells
     * @return its length as the report shows it (words, or Chinese characters)
     */
    public static String length(Row r) {
        return r.words() + ("zh".equals(r.language()) ? " characters" : " words");
    }

    private static void numberCell(StringBuilder h, double v, String shown) {
        h.append("<td class=\"num\" data-v=\"").append(Double.isNaN(v) ? "" : Double.toString(v)).append("\">")
            .append(shown).append("</td>");
    }

    private static void document(StringBuilder h, int i, DocumentReport d) {
        Row r = Row.of(d);
        h.append("<section class=\"doc\" id=\"doc-").append(i).append("\"><h3>").append(esc(r.path()))
            .append(" <span class=\"badge v-").append(r.label()).append("\">").append(r.label())
            .append("</span></h3>\n<p class=\"docmeta\">");
        if (d instanceof DocumentReport.Failed) {
            h.append("Not scored: ").append(esc(r.reason() == null ? "unknown error" : r.reason()))
                .append("</p></section>\n");
            return;
        }
        if (!Double.isNaN(r.probability())) {
            h.append("P(machine) ").append(Formats.probability(r.probability())).append(" · ");
        }
        h.append("score ").append(Formats.score(r.score()));
        if (!Double.isNaN(r.humanPercentile())) {
            h.append(" · higher than ").append(Formats.percentile(r.humanPercentile()))
                .append("% of the human calibration texts");
        }
        if (!Double.isNaN(r.machinePercentile())) {
            h.append(" · lower than ").append(Formats.percentile(r.machinePercentile()))
                .append("% of the machine calibration texts");
        }
        h.append(" · language ").append(esc(r.language())).append(" · ").append(length(r)).append(" · model ")
            .append(esc(r.model() == null ? "" : r.model()));
        if (r.reason() != null) {
            h.append(" · ").append(esc(r.reason()));
        }
        h.append("</p>\n<div class=\"text\"><p>");
        for (ScoredSentence s : r.sentences()) {
            if (s.highlighted()) {
                h.append("<mark title=\"sentence score ").append(Formats.score(s.score()))
                    .append(": among the most machine-like sentences of this document\">").append(esc(s.text()))
                    .append("</mark>");
            } else {
                h.append(esc(s.text()));
            }
            h.append(s.paragraphEnd() ? "</p><p>" : " ");
        }
        h.append("</p></div></section>\n");
    }

    private static String esc(String s) {
        return Entities.escape(s);
    }

    private static final String CSS = String.join("\n",
        "body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','Noto Sans CJK SC',sans-serif;",
        "max-width:1100px;margin:2em auto;padding:0 1em;color:#222}",
        "h1{margin-bottom:0}.meta{color:#666;margin-top:.2em}",
        ".caution{background:#fff8e1;border-left:5px solid #f0a500;padding:.8em 1em;margin:1em 0}",
        ".counts{list-style:none;padding:0;display:flex;gap:.6em;flex-wrap:wrap}",
        ".counts li{padding:.4em .8em;border-radius:6px;background:#eee}",
        ".help{color:#555;font-size:.92em}dl.help dt{font-weight:600;float:left;clear:left;width:9em}",
        "dl.help dd{margin-left:10em}",
        "table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}",
        "th,td{border-bottom:1px solid #ddd;padding:.35em .5em;text-align:left;vertical-align:top}",
        // a long error note or file name wraps inside its cell instead of widening the table off the page
        "td{overflow-wrap:anywhere;word-break:break-word}h3{overflow-wrap:anywhere}",
        "table.sortable th{cursor:pointer;background:#f4f4f4;user-select:none}",
        "table.sortable th:hover{background:#e8e8e8}",
        "td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}",
        "#documents td:nth-child(2){white-space:nowrap}",
        "table.settings th{width:16em;background:#fafafa}",
        ".v-likely-machine{background:#fde2e1}.v-inconclusive{background:#f3f0ff}",
        ".v-likely-human{background:#e3f4e6}.v-too-short{background:#f0f0f0}.v-error{background:#ffe9cc}",
        ".badge{font-size:.7em;padding:.15em .5em;border-radius:4px;vertical-align:middle}",
        ".doc{border-top:2px solid #ccc;margin-top:1.5em}.docmeta{color:#555}",
        ".text{background:#fcfcfc;padding:.2em 1em;border:1px solid #eee}",
        "mark{background:#ffd54f;padding:0 .1em}");

    private static final String SORT_JS = String.join("\n",
        "document.querySelectorAll('table.sortable th').forEach(function(th,col){",
        " th.addEventListener('click',function(){",
        "  var body=th.closest('table').tBodies[0],rows=Array.prototype.slice.call(body.rows);",
        "  var num=th.dataset.type==='num',dir=th.dataset.dir==='asc'?-1:1;th.dataset.dir=dir===1?'asc':'desc';",
        "  function key(r){var c=r.cells[col],v=c.dataset.v!==undefined?c.dataset.v:c.textContent;",
        "   return num?(v===''?-1e308:parseFloat(v)):v.toLowerCase();}",
        "  rows.sort(function(a,b){var x=key(a),y=key(b);return dir*(x<y?-1:x>y?1:0);});",
        "  rows.forEach(function(r){body.appendChild(r);});",
        " });",
        "});");
}
