package org.detectgpt.document;

import java.io.IOException;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * The text of a PDF (Apache PDFBox), in reading order, with a blank line between paragraphs.
 * Password-protected PDFs and PDFs whose owner forbids text extraction are refused, as are
 * scans without a text layer (no OCR here).
 */
final class PdfText {
    private PdfText() {}

    static ExtractedText extract(String file, byte[] bytes, int maxChars) throws DocumentException {
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            if (doc.isEncrypted() && !doc.getCurrentAccessPermission().canExtractContent()) {
                throw new DocumentException(file, "encrypted PDF that forbids text extraction");
            }
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            stripper.setParagraphEnd("\n\n");
            // page by page, so that a book-length PDF stops at the cap instead of being held whole
            StringBuilder all = new StringBuilder();
            int pages = doc.getNumberOfPages();
            for (int p = 1; p <= pages; p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                all.append(stripper.getText(doc));
                if (all.length() > (long) maxChars + 4096 && p < pages) {
                    throw new DocumentException(file, String.format(Locale.ROOT, "text too long: over the cap of "
                        + "%,d characters (raise it with --max-chars); reading stopped at page %d of %d", maxChars, p,
                        pages));
                }
            }
            String text = all.toString().strip();
            if (text.isEmpty()) {
                throw new DocumentException(file, "PDF without a text layer (a scan?): no text to score");
            }
            return new ExtractedText(text, "pdf", null);
        } catch (InvalidPasswordException e) {
            throw new DocumentException(file, "encrypted PDF (password-protected), cannot read its text");
        } catch (IOException | RuntimeException e) {
            throw new DocumentException(file, "not a readable PDF: " + DocumentException.oneLine(e.getMessage()));
        }
    }
}
