package org.detectgpt.document;

import java.nio.file.Path;

/** Reads one document in a JVM of its own (the memory test runs it under a small -Xmx) and prints the outcome. */
public final class DocxProbe {
    private DocxProbe() {}

    /** @param args the document's path */
    public static void main(String[] args) {
        try {
            ExtractedText t = DocumentReader.defaults().read(Path.of(args[0]));
            System.out.println("text " + t.text().length());
        } catch (DocumentException e) {
            System.out.println("error " + e.getMessage());
        }
    }
}
