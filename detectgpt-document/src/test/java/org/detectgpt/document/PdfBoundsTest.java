package org.detectgpt.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.text.PDFTextStripper;
import org.detectgpt.testing.TestDocuments;
import org.junit.jupiter.api.Test;

/** A long PDF is read page by page and stops at the cap; a short one reads exactly as a whole-document read. */
class PdfBoundsTest {
    /** @return a PDF of {@code pages} pages, each with 20 lines of text */
    static byte[] pdf(int pages) throws Exception {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int p = 0; p < pages; p++) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 10);
                    cs.setLeading(13);
                    cs.newLineAtOffset(40, 750);
                    for (int l = 0; l < 20; l++) {
                        cs.showText("Page " + p + ", line " + l + ": the students walked to the library after class.");
                        cs.newLine();
                    }
                    cs.endText();
                }
            }
            doc.save(out);
            return out.toByteArray();
        }
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
        for (byte[] bytes : new byte[][] {pdf(3), TestDocuments.pdf(java.util.List.of(TestDocuments.story(1, 300)))}) {
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
