package org.detectgpt.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;

/**
 * The text of a Word .docx file (Apache POI): body paragraphs and table cells in document order,
 * one blank line between paragraphs. Headers, footers and comments are left out: they are not the
 * student's essay.
 */
final class DocxText {
    private DocxText() {}

    static ExtractedText extract(String file, byte[] bytes) throws DocumentException {
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes))) {
            StringBuilder out = new StringBuilder();
            for (IBodyElement e : doc.getBodyElements()) {
                if (e instanceof XWPFParagraph p) {
                    paragraph(out, p.getText());
                } else if (e instanceof XWPFTable t) {
                    t.getRows().forEach(r -> r.getTableCells().forEach(c -> paragraph(out, c.getText())));
                }
            }
            return new ExtractedText(out.toString().strip(), "docx", null);
        } catch (EncryptedDocumentException e) {
            throw new DocumentException(file, "encrypted .docx (password-protected), cannot read its text");
        } catch (IOException | RuntimeException e) {
            // POI reports corrupt zips and missing parts with unchecked exceptions as well
            throw new DocumentException(file, "not a readable .docx: " + DocumentException.oneLine(e.getMessage()));
        }
    }

    private static void paragraph(StringBuilder out, String text) {
        if (!text.isBlank()) {
            out.append(text.strip()).append("\n\n");
        }
    }
}
