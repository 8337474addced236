package org.detectgpt.document;

import java.util.regex.Pattern;

/**
 * Reduces Markdown to the prose a reader sees: markup characters (#, *, _, `, >, list bullets,
 * link targets, HTML tags and comments) would otherwise be scored as if the student wrote them.
 * Fenced code blocks are dropped: code is not prose.
 */
final class MarkdownText {
    private static final Pattern FENCE = Pattern.compile("(?ms)^\\s*(```|~~~).*?^\\s*\\1[^\\n]*$");
    private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?-->");
    private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]*)\\]\\([^)]*\\)");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)\\]\\([^)]*\\)");
    private static final Pattern TAG = Pattern.compile("</?[a-zA-Z][^>]*>");
    private static final Pattern HEADING = Pattern.compile("(?m)^[ \\t]{0,3}#{1,6}\\s+");
    private static final Pattern QUOTE = Pattern.compile("(?m)^[ \\t]{0,3}>\\s?");
    private static final Pattern BULLET = Pattern.compile("(?m)^[ \\t]*([-*+]|\\d+[.)])\\s+");
    private static final Pattern RULE = Pattern.compile("(?m)^[ \\t]{0,3}([-*_]\\s*){3,}$");
    private static final Pattern EMPHASIS = Pattern.compile("(\\*{1,3}|_{1,3}|`+|~~)(?=\\S)(.+?)(?<=\\S)\\1");

    private MarkdownText() {}

    static String strip(String markdown) {
        String s = FENCE.matcher(markdown).replaceAll("");
        s = COMMENT.matcher(s).replaceAll("");
        s = IMAGE.matcher(s).replaceAll("$1");
        s = LINK.matcher(s).replaceAll("$1");
        s = TAG.matcher(s).replaceAll("");
        s = RULE.matcher(s).replaceAll("");
        s = HEADING.matcher(s).replaceAll("");
        s = QUOTE.matcher(s).replaceAll("");
        s = BULLET.matcher(s).replaceAll("");
        return EMPHASIS.matcher(s).replaceAll("$2").replaceAll("\\n[ \\t]*\\n(\\s*\\n)+", "\n\n");
    }
}
