package org.detectgpt.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.detectgpt.DetectGptException;
import org.detectgpt.eval.CriterionReport;
import org.detectgpt.metrics.RocCurve;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * Draws ROC curves (JFreeChart) to a PNG or SVG file: one curve per data set and criterion, the
 * AUROC in the legend, and the chance diagonal for reference. The format follows the file name's
 * extension.
 */
public final class RocPlot {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 700;

    private RocPlot() {}

    /**
     * @param file the file name to check
     * @throws IllegalArgumentException unless it ends in {@code .png} or {@code .svg}
     */
    public static void checkFileName(Path file) {
        String n = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!n.endsWith(".png") && !n.endsWith(".svg")) {
            throw new IllegalArgumentException(file + ": the ROC plot must be a .png or .svg file");
        }
    }

    /**
     * @param file a {@code .png} or {@code .svg} file
     * @param reports one curve each
     * @throws DetectGptException if the file cannot be written
     */
    public static void write(Path file, List<CriterionReport> reports) throws DetectGptException {
        checkFileName(file);
        JFreeChart chart = chart(reports);
        try {
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg")) {
                SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
                chart.draw(g, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
                Files.writeString(file, g.getSVGDocument(), StandardCharsets.UTF_8);
            } else {
                ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
            }
        } catch (IOException e) {
            throw new DetectGptException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    static JFreeChart chart(List<CriterionReport> reports) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (CriterionReport r : reports) {
            String key = String.format(Locale.ROOT, "%s · %s (AUROC %.3f)", r.dataset(), r.criterion(), r.auroc());
            XYSeries s = new XYSeries(uniqueKey(data, key), false, true);
            for (RocCurve.Point p : r.roc().points()) {
                s.add(p.fpr(), p.tpr());
            }
            data.addSeries(s);
        }
        XYSeries chance = new XYSeries("chance (AUROC 0.5)");
        chance.add(0, 0);
        chance.add(1, 1);
        data.addSeries(chance);
        JFreeChart chart = ChartFactory.createXYLineChart("ROC curves", "false-positive rate (human texts flagged)",
            "true-positive rate (machine texts flagged)", data, PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.getDomainAxis().setRange(0, 1);
        plot.getRangeAxis().setRange(0, 1.02);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        int last = data.getSeriesCount() - 1;
        renderer.setSeriesPaint(last, Color.GRAY);
        renderer.setSeriesStroke(last, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 6f}, 0f));
        plot.setRenderer(renderer);
        return chart;
    }

    /** JFreeChart needs distinct series keys; the same data set and criterion twice gets a suffix. */
    private static String uniqueKey(XYSeriesCollection data, String key) {
        String k = key;
        for (int i = 2; data.getSeriesIndex(k) >= 0; i++) {
            k = key + " #" + i;
        }
        return k;
    }
}
