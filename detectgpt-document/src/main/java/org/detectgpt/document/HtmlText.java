package org.detectgpt.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The visible text of an HTML page (jsoup), with a blank line after each block element so that
 * paragraphs survive; scripts, styles, navigation and forms are dropped.
 */
final class HtmlText {
    private static final Set<String> BLOCKS = Set.of("p", "div", "section", "article", "main", "header",
        "footer", "blockquote", "pre", "li", "ul", "ol", "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
        "br", "hr", "dd", "dt", "figcaption", "title");

    private HtmlText() {}

    static ExtractedText extract(String file, byte[] bytes) throws DocumentException {
        Document doc;
        try {
            // charset null: jsoup reads a BOM or <meta charset>, else assumes UTF-8
            doc = Jsoup.parse(new ByteArrayInputStream(bytes), null, "");
        } catch (IOException | RuntimeException e) {
            throw new DocumentException(file, "not readable as HTML: " + DocumentException.oneLine(e.getMessage()));
        }
        doc.select("script, style, noscript, template, nav, form, svg, head > :not(title)").remove();
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    out.append(t.getWholeText().replaceAll("\\s+", " "));
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                    out.append("\n\n");
                }
            }
        }, doc);
        String text = out.toString().replaceAll("[ \\t]*\\n[ \\t]*", "\n").replaceAll("\\n{3,}", "\n\n").strip();
        return new ExtractedText(text, "html", doc.charset().name());
    }
}
