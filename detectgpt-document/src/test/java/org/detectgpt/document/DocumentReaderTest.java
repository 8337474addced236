package org.detectgpt.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.detectgpt.testing.TestDocuments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentReaderTest {
    static final DocumentReader READER = DocumentReader.defaults();
    static final List<String> PARAS = List.of("The first paragraph talks about rivers and the sea.",
        "The second paragraph is about mountains.");

    @Test
    void plainTextInUtf8AndWithBom() throws Exception {
        assertEquals("héllo wörld", READER.extract("a.txt", "héllo wörld\n".getBytes(StandardCharsets.UTF_8)).text());
        byte[] bom = ("\uFEFFcafé").getBytes(StandardCharsets.UTF_8);
        ExtractedText t = READER.extract("a.txt", bom);
        assertEquals("café", t.text());
        assertEquals("UTF-8", t.charset());
        byte[] utf16 = "\uFEFFdéjà vu".getBytes(StandardCharsets.UTF_16LE);
        assertEquals("déjà vu", READER.extract("a.txt", utf16).text());
    }

    @Test
    void legacyEncodingsAreDetected() throws Exception {
        String zh = "春天来了，花园里的花都开了。小明和他的朋友们一起去公园放风筝，他们玩得非常开心。"
            + "老师说，学习和玩耍一样重要，我们要珍惜每一天的时间。";
        ExtractedText gbk = READER.extract("zh.txt", (zh + zh).getBytes(Charset.forName("GB18030")));
        assertEquals(zh + zh, gbk.text());
        assertTrue(gbk.charset().startsWith("GB"), gbk.charset());
        String fr = "Le café était très agréable, et la crème brûlée était délicieuse à côté de la fenêtre.";
        ExtractedText latin = READER.extract("fr.txt", (fr + " " + fr).getBytes(Charset.forName("windows-1252")));
        assertEquals(fr + " " + fr, latin.text());
    }

    @Test
    void markdownLosesItsMarkup() throws Exception {
        String md = "# Title\n\nSome *emphasis* and a [link](http://x.org) and `code`.\n\n- item one\n"
            + "> quoted\n\n```\nint x = 1;\n```\nEnd.";
        String t = READER.extract("a.md", md.getBytes(StandardCharsets.UTF_8)).text();
        assertEquals("Title\n\nSome emphasis and a link and code.\n\nitem one\nquoted\n\nEnd.", t, t.replace("\n", "\\n"));
    }

    @Test
    void htmlKeepsVisibleTextAndParagraphs() throws Exception {
        String html = "<html><head><title>T</title><style>p{}</style><script>var x=1;</script></head>"
            + "<body><nav>menu</nav><h1>Heading</h1><p>One <b>bold</b> word.</p><p>Two.</p></body></html>";
        ExtractedText t = READER.extract("a.html", html.getBytes(StandardCharsets.UTF_8));
        assertEquals("T\n\nHeading\n\nOne bold word.\n\nTwo.", t.text());
        String gbk = "<html><head><meta charset=\"gbk\"></head><body><p>你好，世界</p></body></html>";
        assertEquals("你好，世界", READER.extract("b.htm", gbk.getBytes(Charset.forName("GBK"))).text());
    }

    @Test
    void docxAndPdfParagraphs() throws Exception {
        assertEquals(String.join("\n\n", PARAS), READER.extract("a.docx", TestDocuments.docx(PARAS)).text());
        String pdf = READER.extract("a.pdf", TestDocuments.pdf(PARAS)).text();
        assertTrue(pdf.contains("rivers and the sea."), pdf);
        assertTrue(pdf.contains("\n\n"), "paragraphs separated: " + pdf);
    }

    @Test
    void badFilesGiveOneLineReasons() {
        byte[] random = new byte[4096];
        new Random(1).nextBytes(random);
        byte[] docx = TestDocuments.docx(PARAS);
        assertProblem("empty file", "a.txt", new byte[0]);
        assertProblem("not a readable PDF", "a.pdf", random);
        assertProblem("not a readable .docx", "a.docx", Arrays.copyOf(docx, docx.length / 2));
        assertProblem("binary data", "a.txt", random);
        assertProblem("encrypted PDF", "a.pdf", TestDocuments.encryptedPdf(PARAS, "secret"));
        assertProblem("unsupported file type", "a.odt", "x".getBytes(StandardCharsets.UTF_8));
        assertProblem("no text", "a.html", "<html><script>x</script></html>".getBytes(StandardCharsets.UTF_8));
        assertProblem("text too long: 1,001 characters", "a.txt",
            "x".repeat(1001).getBytes(StandardCharsets.UTF_8), READER.withMaxChars(1000));
    }

    @Test
    void hugeFilesAreRefusedUnread(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.txt");
        Files.write(big, new byte[4001]);
        DocumentException e = assertThrows(DocumentException.class, () -> READER.withMaxChars(1000).read(big));
        assertTrue(e.getMessage().startsWith(big + ": too large: 4,001 bytes"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertThrows(DocumentException.class, () -> READER.read(dir.resolve("missing.txt")));
    }

    @Test
    void supportedExtensions() {
        assertTrue(DocumentReader.isSupported(Path.of("x/Essay.DOCX")));
        assertTrue(DocumentReader.isSupported(Path.of("a.md")));
        assertFalse(DocumentReader.isSupported(Path.of("a.jpg")));
        assertFalse(DocumentReader.isSupported(Path.of("Makefile")));
    }

    private static void assertProblem(String expected, String name, byte[] bytes) {
        assertProblem(expected, name, bytes, READER);
    }

    private static void assertProblem(String expected, String name, byte[] bytes, DocumentReader reader) {
        DocumentException e = assertThrows(DocumentException.class, () -> reader.extract(name, bytes));
        assertTrue(e.getMessage().startsWith(name + ": "), e.getMessage());
        assertTrue(e.problem().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
