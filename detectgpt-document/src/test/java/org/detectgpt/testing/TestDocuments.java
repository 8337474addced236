package org.detectgpt.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/** Builds .docx and .pdf test documents with the same libraries the reader uses (POI, PDFBox). */
public final class TestDocuments {
    private TestDocuments() {}

    /** @return a .docx with one paragraph per string */
    public static byte[] docx(List<String> paragraphs) {
        try (XWPFDocument d = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String p : paragraphs) {
                d.createParagraph().createRun().setText(p);
            }
            d.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a PDF (Helvetica, ASCII text) with the paragraphs wrapped at ~90 characters */
    public static byte[] pdf(List<String> paragraphs) {
        return pdf(paragraphs, null);
    }

    /** @return a PDF encrypted with a user password */
    public static byte[] encryptedPdf(List<String> paragraphs, String password) {
        return pdf(paragraphs, password);
    }

    /** @return a PDF with one page per list, one text line per string (Helvetica, ASCII text) */
    public static byte[] pdfPages(List<List<String>> pages) {
        return pdfOf(pages, null);
    }

    private static byte[] pdf(List<String> paragraphs, String password) {
        List<String> lines = new ArrayList<>();
        for (String p : paragraphs.stream().flatMap(p -> List.of(p.split("\n\n")).stream()).toList()) {
            lines.addAll(wrap(p, 90));
            lines.add(""); // a blank line between paragraphs
        }
        return pdfOf(List.of(lines), password);
    }

    /** Lays each page's lines out from the top left; an empty line is a blank line. */
    private static byte[] pdfOf(List<List<String>> pages, String password) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (List<String> lines : pages) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 10);
                    cs.setLeading(13);
                    cs.newLineAtOffset(40, 750);
                    for (String line : lines) {
                        if (!line.isEmpty()) {
                            cs.showText(line);
                        }
                        cs.newLine();
                    }
                    cs.endText();
                }
            }
            if (password != null) {
                StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-" + password, password,
                    new AccessPermission());
                policy.setEncryptionKeyLength(128);
                doc.protect(policy);
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String w : text.strip().split("\\s+")) {
            if (line.length() + w.length() + 1 > width && line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(w);
        }
        lines.add(line.toString());
        return lines;
    }

    /**
     * @param seed picks the wording
     * @param words about how many words
     * @return an English story in the style stories260K was trained on, about {@code words} words
     */
    public static String story(int seed, int words) {
        String[] names = {"Lily", "Tom", "Sue", "Ben", "Mia", "Max", "Anna", "Sam"};
        String[] things = {"ball", "cat", "tree", "car", "book", "dog", "cake", "box"};
        String name = names[seed % names.length];
        StringBuilder b = new StringBuilder("Once upon a time, there was a little girl named " + name + ".");
        int i = seed;
        while (b.toString().split("\\s+").length < words) {
            String thing = things[i % things.length];
            b.append(switch (i % 4) {
                case 0 -> " She loved to play with her " + thing + " in the park.";
                case 1 -> " One day, " + name + " saw a big, red " + thing + ".";
                case 2 -> " Her mom said, \"" + name + ", let's go home now.\"";
                default -> " " + name + " was happy and smiled at the " + thing + ".";
            });
            if (i % 5 == 4) {
                b.append("\n\n");
            }
            i++;
        }
        return b.toString();
    }
}
