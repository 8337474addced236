package org.detectgpt.document;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The text of a Word .docx file: body paragraphs and table cells in document order, one blank
 * line between paragraphs. Headers, footers and comments are left out: they are not the student's
 * essay (they live in other parts of the package, which are never read).
 *
 * <p>Read as a stream, in bounded memory: the main part ({@code word/document.xml}) is parsed with
 * SAX straight out of the zip, reading stops as soon as the text passes the character cap, and no
 * part may unpack to more than {@value #MAX_PART_BYTES} bytes. A DOM reader (Apache POI) took
 * 4.3 GB for a 3.4 MB file holding 90 MB of XML; here memory is the file plus the capped text.
 *
 * <p>Every failure is a {@link DocumentException} with a reason a teacher can act on — never a
 * library's class name or stack trace.
 */
final class DocxText {
    /** Cap on the unpacked size of a part: a real essay's XML is a few MB; beyond this it is damage or a bomb. */
    static final long MAX_PART_BYTES = 256L << 20;
    /** Cap on the number of zip entries: a real .docx has a few dozen. */
    private static final int MAX_ENTRIES = 10_000;
    private static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private static final String OFFICE_DOCUMENT =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
    /** OLE2 compound file: what Office makes of an encrypted .docx (and what an old .doc is). */
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
        (byte) 0xE1};
    private static final String DAMAGED = "not a readable .docx: the file is damaged or cut short "
        + "(try opening it in Word and saving it again)";

    private DocxText() {}

    static ExtractedText extract(String file, byte[] bytes, int maxChars) throws DocumentException {
        if (startsWith(bytes, OLE2)) {
            throw new DocumentException(file, "encrypted .docx (password-protected), or an old .doc file renamed "
                + ".docx: cannot read its text; save it in Word without a password, as .docx");
        }
        if (!startsWith(bytes, new byte[] {'P', 'K', 3, 4})) {
            throw new DocumentException(file, "not a readable .docx: not a Word document (another kind of file "
                + "named .docx?)");
        }
        if (!hasCentralDirectory(bytes)) {
            throw new DocumentException(file, DAMAGED);
        }
        try {
            String main;
            try {
                main = mainPart(file, bytes);
            } catch (TooLong e) {
                throw new IllegalStateException("the relationships part has no text cap", e);
            }
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
                int n = 0;
                for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                    if (++n > MAX_ENTRIES) {
                        break;
                    }
                    if (e.getName().equals(main)) {
                        return new ExtractedText(body(file, new Capped(zip, file), maxChars), "docx", null);
                    }
                }
            }
            throw new DocumentException(file, "not a readable .docx: it has no document text part (" + main + ")");
        } catch (IOException | RuntimeException e) {
            // ZipInputStream reports some damage unchecked (a malformed entry name: IllegalArgumentException)
            throw new DocumentException(file, DAMAGED);
        }
    }

    /** @return the main part's name, from the package relationships ({@code word/document.xml} as a rule) */
    private static String mainPart(String file, byte[] bytes) throws IOException, DocumentException, TooLong {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            int n = 0;
            for (ZipEntry e = zip.getNextEntry(); e != null && ++n <= MAX_ENTRIES; e = zip.getNextEntry()) {
                if (e.getName().equals("_rels/.rels")) {
                    String[] target = {null};
                    parse(file, new Capped(zip, file), new DefaultHandler() {
                        @Override
                        public void startElement(String uri, String local, String q, Attributes a) {
                            if ("Relationship".equals(local) && OFFICE_DOCUMENT.equals(a.getValue("Type"))
                                && target[0] == null) {
                                target[0] = a.getValue("Target");
                            }
                        }
                    });
                    if (target[0] != null) {
                        String t = target[0].startsWith("/") ? target[0].substring(1) : target[0];
                        return t;
                    }
                }
            }
        }
        return "word/document.xml";
    }

    /** Thrown inside the parse once the text passes the cap: reading stops there. */
    private static final class TooLong extends SAXException {
        private static final long serialVersionUID = 1L;
    }

    private static String body(String file, InputStream xml, int maxChars) throws DocumentException, IOException {
        StringBuilder out = new StringBuilder();
        StringBuilder para = new StringBuilder();
        // the cap plus room for paragraph breaks that the reader's final strip may remove
        long stopAt = (long) maxChars + 4096;
        try {
            parse(file, xml, new DefaultHandler() {
                private int inText;

                @Override
                public void startElement(String uri, String local, String q, Attributes a) throws SAXException {
                    if (!W.equals(uri)) {
                        return;
                    }
                    switch (local) {
                        case "t" -> inText++;
                        case "tab" -> para.append('\t');
                        case "br", "cr" -> para.append('\n');
                        default -> { }
                    }
                    check();
                }

                @Override
                public void endElement(String uri, String local, String q) throws SAXException {
                    if (!W.equals(uri)) {
                        return;
                    }
                    if (local.equals("t")) {
                        inText--;
                    } else if (local.equals("p")) {
                        if (!para.toString().isBlank()) {
                            out.append(para.toString().strip()).append("\n\n");
                        }
                        para.setLength(0);
                        check();
                    }
                }

                @Override
                public void characters(char[] ch, int start, int length) throws SAXException {
                    if (inText > 0) {
                        para.append(ch, start, length);
                        check();
                    }
                }

                private void check() throws TooLong {
                    if (out.length() + para.length() > stopAt) {
                        throw new TooLong();
                    }
                }
            });
        } catch (TooLong e) {
            throw new DocumentException(file, String.format(Locale.ROOT, "text too long: over the cap of %,d "
                + "characters (raise it with --max-chars); reading stopped there", maxChars));
        }
        if (!para.toString().isBlank()) {
            out.append(para.toString().strip());
        }
        return out.toString().strip();
    }

    private static void parse(String file, InputStream xml, DefaultHandler handler)
            throws DocumentException, IOException, TooLong {
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            // no DOCTYPE at all: Word never writes one, and it is how entity bombs and external entities get in
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            SAXParser p = f.newSAXParser();
            p.parse(xml, handler);
        } catch (TooLong e) {
            throw e;
        } catch (PartTooLarge e) {
            throw tooLarge(file);
        } catch (SAXException e) {
            if (e.getException() instanceof PartTooLarge) {
                throw tooLarge(file);
            }
            throw new DocumentException(file, DAMAGED);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's SAX parser lacks a standard feature", e);
        }
    }

    private static DocumentException tooLarge(String file) {
        return new DocumentException(file, String.format(Locale.ROOT, "not a readable .docx: a part unpacks to "
            + "over %,d MB (a damaged file or a zip bomb); not read", MAX_PART_BYTES >> 20));
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** @return whether the zip's end record is there: without it the file was cut short */
    private static boolean hasCentralDirectory(byte[] b) {
        // the end record (22 bytes + a comment of at most 65,535) sits at the very end
        int from = Math.max(0, b.length - 22 - 65_535);
        for (int i = b.length - 22; i >= from; i--) {
            if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 5 && b[i + 3] == 6) {
                return true;
            }
        }
        return false;
    }

    /** A part's bytes, refused past {@link #MAX_PART_BYTES}; the zip stays open for the next entry. */
    private static final class Capped extends FilterInputStream {
        private final String file;
        private long read;

        Capped(InputStream in, String file) {
            super(in);
            this.file = file;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                count(1);
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws PartTooLarge {
            read += n;
            if (read > MAX_PART_BYTES) {
                throw new PartTooLarge(file);
            }
        }

        @Override
        public void close() {
            // the SAX parser closes its input; the zip must stay open
        }
    }

    /** A part over {@link #MAX_PART_BYTES}. */
    private static final class PartTooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        PartTooLarge(String file) {
            super(file);
        }
    }
}
