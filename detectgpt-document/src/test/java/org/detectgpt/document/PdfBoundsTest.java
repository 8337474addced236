package org.detectgpt.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.detectgpt.testing.TestDocuments;
import org.junit.jupiter.api.Test;

/** A long PDF is read page by page and stops at the cap; a short one reads exactly as a whole-document read. */
class PdfBoundsTest {
    /** @return a PDF of {@code pages} pages, each with 20 lines of text */
    static byte[] pdf(int pages) {
        List<List<String>> text = new ArrayList<>();
        for (int p = 0; p < pages; p++) {
            List<String> lines = new ArrayList<>();
            for (int l = 0; l < 20; l++) {
                lines.add("Page " + p + ", line " + l + ": the students walked to the library after class.");
            }
            text.add(lines);
        }
        return TestDocuments.pdfPages(text);
    }

    @Test
    void aLongPdfStopsAtTheCap() throws Exception {
        byte[] book = pdf(40);
        DocumentException e = assertThrows(DocumentException.class,
            () -> DocumentReader.defaults().withMaxChars(2000).extract("book.pdf", book));
        assertTrue(e.problem().startsWith("text too long: over the cap of 2,000 characters (raise it with "
            + "--max-chars); reading stopped at page "), e.getMessage());
        assertTrue(e.problem().endsWith(" of 40"), e.getMessage());
    }

    @Test
    void pageByPageReadsWhatAWholeDocumentReadDoes() throws Exception {
        for (byte[] bytes : new byte[][] {pdf(3), TestDocuments.pdf(List.of(TestDocuments.story(1, 300)))}) {
            String whole;
            try (PDDocument doc = Loader.loadPDF(bytes)) {
                PDFTextStripper s = new PDFTextStripper();
                s.setSortByPosition(true);
                s.setParagraphEnd("\n\n");
                whole = s.getText(doc).strip().replace("\r\n", "\n");
            }
            assertEquals(whole, DocumentReader.defaults().extract("a.pdf", bytes).text());
        }
    }
}
