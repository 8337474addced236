package org.detectgpt.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.detectgpt.testing.TestDocuments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile .docx files: extraction stays in bounded memory and time, and every refusal is one
 * line a teacher can read (no library class names, no stack trace).
 */
class DocxBoundsTest {
    static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    static final String RELS = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/"
        + "package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
        + "officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
    static final String TYPES = "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/"
        + "2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package."
        + "relationships+xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd."
        + "openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";

    /** Writes the body XML of a generated document part. */
    interface Body {
        void write(OutputStream out) throws IOException;
    }

    /** @return a minimal .docx whose document part is what {@code body} writes, deflated */
    static byte[] docx(Body body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(Deflater.BEST_SPEED);
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write(TYPES.getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("_rels/.rels"));
            zip.write(RELS.getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write(("<?xml version=\"1.0\"?><w:document xmlns:w=\"" + W + "\"><w:body>")
                .getBytes(StandardCharsets.UTF_8));
            body.write(zip);
            zip.write("</w:body></w:document>".getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /**
     * @return {@code n} paragraphs of markup-heavy XML: many runs of a few random words each, as pasted
     *     text often is; 1,000 distinct paragraphs in turn, so the file compresses like a real one (~4 %)
     *     rather than like a repeated string
     */
    static Body heavyParagraphs(int n) {
        java.util.Random random = new java.util.Random(15);
        byte[][] paras = new byte[1000][];
        for (int k = 0; k < paras.length; k++) {
            StringBuilder b = new StringBuilder("<w:p><w:pPr><w:spacing w:after=\"0\"/></w:pPr>");
            for (int r = 0; r < 20; r++) {
                b.append("<w:r><w:rPr><w:rFonts w:ascii=\"Calibri\"/><w:sz w:val=\"24\"/></w:rPr>")
                    .append("<w:t xml:space=\"preserve\">");
                for (int w = 0; w < 1 + random.nextInt(2); w++) {
                    for (int c = 0; c < 2 + random.nextInt(6); c++) {
                        b.append((char) ('a' + random.nextInt(26)));
                    }
                    b.append(' ');
                }
                b.append("</w:t></w:r>");
            }
            paras[k] = b.append("</w:p>").toString().getBytes(StandardCharsets.UTF_8);
        }
        return out -> {
            for (int i = 0; i < n; i++) {
                out.write(paras[i % paras.length]);
            }
        };
    }

    @Test
    void aDocxOfNinetyMegabytesOfXmlIsRefusedInSmallMemory(@TempDir Path dir) throws Exception {
        // ~90 MB of XML holding ~7 M characters of text, in a file of ~3 MB: the case
        Path f = dir.resolve("pasted.docx");
        Files.write(f, docx(heavyParagraphs(40_000)));
        assertTrue(Files.size(f) < 8 << 20, "a small file: " + Files.size(f));
        // a JVM of 48 MB: a DOM of this XML needs gigabytes, a streaming read a few MB
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx48m",
            "-cp", System.getProperty("java.class.path"), DocxProbe.class.getName(), f.toString())
            .redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.exitValue(), out);
        assertEquals("error " + f + ": text too long: over the cap of 200,000 characters (raise it with --max-chars);"
            + " reading stopped there", out);
    }

    @Test
    void extractionStopsAtTheCap() throws Exception {
        byte[] big = docx(heavyParagraphs(20_000));
        DocumentException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(
            DocumentException.class, () -> DocumentReader.defaults().withMaxChars(1000).extract("a.docx", big)));
        assertTrue(e.problem().startsWith("text too long: over the cap of 1,000 characters"), e.getMessage());
        // under the cap the same markup reads whole: 3 paragraphs, 20 runs each
        String text = DocumentReader.defaults().extract("b.docx", docx(heavyParagraphs(3))).text();
        assertEquals(3, text.split("\n\n").length, text);
        assertTrue(text.matches("[a-z \n]+") && text.length() > 3 * 20 * 3, text);
    }

    @Test
    void aZipBombIsRefusedWithAPlainReason() throws Exception {
        // 300 MB of whitespace inside one paragraph: no text, so only the unpacked-size cap can stop it
        byte[] blanks = new byte[1 << 20];
        java.util.Arrays.fill(blanks, (byte) ' ');
        byte[] bomb = docx(out -> {
            out.write("<w:p>".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 300; i++) {
                out.write(blanks);
            }
            out.write("</w:p>".getBytes(StandardCharsets.UTF_8));
        });
        assertProblem(bomb, "not a readable .docx: a part unpacks to over 256 MB (a damaged file or a zip bomb)");
    }

    @Test
    void encryptedJunkAndOddPackagesGiveReadableReasons() throws Exception {
        byte[] ole2 = new byte[4096];
        byte[] magic = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        System.arraycopy(magic, 0, ole2, 0, magic.length);
        assertProblem(ole2, "encrypted .docx (password-protected), or an old .doc file renamed .docx");
        assertProblem("hello, this is plain text".getBytes(StandardCharsets.UTF_8),
            "not a readable .docx: not a Word document");
        ByteArrayOutputStream junk = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(junk)) {
            zip.putNextEntry(new ZipEntry("photo.jpg"));
            zip.write(new byte[100]);
        }
        assertProblem(junk.toByteArray(), "not a readable .docx: it has no document text part");
        byte[] bad = docx(out -> out.write("<w:p><w:t>unclosed".getBytes(StandardCharsets.UTF_8)));
        assertProblem(bad, "not a readable .docx: the file is damaged");
    }

    @Test
    void anUndeclaredExtraEntryIsReadQuietly() throws Exception {
        // Word tolerates a zip entry that [Content_Types].xml does not declare; POI printed a stack trace for it
        byte[] plain = TestDocuments.docx(List.of("One paragraph of text.", "Another one."));
        ByteArrayOutputStream withExtra = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(withExtra);
                java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(
                    new java.io.ByteArrayInputStream(plain))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                in.transferTo(zip);
            }
            zip.putNextEntry(new ZipEntry("word/undeclared.bin"));
            zip.write(new byte[] {1, 2, 3});
        }
        java.io.PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals("One paragraph of text.\n\nAnother one.",
                DocumentReader.defaults().extract("x.docx", withExtra.toByteArray()).text());
        } finally {
            System.setErr(err);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8), "nothing printed");
    }

    @Test
    void aDoctypeIsRefusedNotExpanded() throws Exception {
        String lol = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;"
            + "&a;&a;&a;&a;\">]><w:document xmlns:w=\"" + W + "\"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p>"
            + "</w:body></w:document>";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write(lol.getBytes(StandardCharsets.UTF_8));
        }
        assertProblem(bytes.toByteArray(), "not a readable .docx: the file is damaged");
    }

    static void assertProblem(byte[] bytes, String expected) {
        DocumentException e = assertThrows(DocumentException.class,
            () -> DocumentReader.defaults().extract("essay.docx", bytes));
        assertTrue(e.problem().startsWith(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("Exception")
            || e.getMessage().contains("org.apache") || e.getMessage().contains("bugzilla"), e.getMessage());
    }
}
