package com.followthrough.tasklist;

/**
 * Text a person wrote (the customer, or an agent quoting them), made safe to place into the Markdown of a Camunda
 * Form's text component: Tasklist renders that Markdown and its HTML, so {@code ![x](https://tracker/pixel.png)} or
 * {@code <img src=...>} in a description would make the agent's browser fetch the image, and a link would be
 * clickable. Every character that means markup is backslash-escaped (CommonMark and marked show it literally), so no
 * emphasis, link, image, HTML tag, autolinked URL or e-mail, heading, list or table can come out of it: the text
 * shows as typed. Line breaks stay (one at a time, so that the text stays in the block it was placed in).
 */
public final class ShownText {

    /**
     * What Markdown, GFM and HTML make something of: emphasis, code, links, images, tags and entities, headings,
     * lists, quotes, tables, strike-through, autolinked URLs ({@code :}), e-mails ({@code @}) and {@code www.} hosts
     * ({@code .}). Other punctuation ({@code , ; ? ' " $ %}) stays as it is, so the text reads well unrendered too.
     */
    private static final String MARKUP = "\\`*_{}[]()<>#+-.!|~:@&=";

    private ShownText() {
    }

    /** The text as Markdown that shows it literally, at most {@code max} characters (clipped with "…"). */
    public static String markdown(String text, int max) {
        if (text == null) {
            return "";
        }
        String lines = text.replaceAll("\\r\\n?", "\n").replaceAll("[ \\t]*\\n\\s*", "\n").strip();
        StringBuilder shown = new StringBuilder(Math.min(max, lines.length() * 2));
        for (int i = 0; i < lines.length(); i++) {
            char c = lines.charAt(i);
            String piece = MARKUP.indexOf(c) >= 0 ? "\\" + c : String.valueOf(c);
            if (shown.length() + piece.length() > max - 1 && i < lines.length() - 1
                    || shown.length() + piece.length() > max) {
                return shown.toString().stripTrailing() + "…";
            }
            shown.append(piece);
        }
        return shown.toString();
    }

    /** One line of it, for a list item: every run of whitespace, line breaks too, becomes one space. */
    public static String inline(String text, int max) {
        return markdown(text == null ? null : text.replaceAll("\\s+", " "), max);
    }
}
