package com.followthrough.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What people wrote reaches a form's Markdown only escaped, and every form places only the escaped copies. */
class ShownTextTest {

    @Test
    void markupInWhatPeopleWroteIsEscapedSoItShowsAsTyped() {
        assertThat(ShownText.markdown("![x](http://t.example/p.png) <img src=\"http://t.example/i.png\"> [a](b)", 500))
                .isEqualTo("\\!\\[x\\]\\(http\\://t\\.example/p\\.png\\) \\<img src\\=\"http\\://t\\.example/i\\.png\"\\>"
                        + " \\[a\\]\\(b\\)");
        assertThat(ShownText.markdown("mail jane@example.org or see www.example.org", 500))
                .isEqualTo("mail jane\\@example\\.org or see www\\.example\\.org");
        assertThat(ShownText.markdown("# Title\n1. one\n- two\n> quote\n| a | b |\n~~gone~~ &amp; `code`", 500))
                .isEqualTo("\\# Title\n1\\. one\n\\- two\n\\> quote\n\\| a \\| b \\|\n\\~\\~gone\\~\\~ \\&amp; \\`code\\`");
        assertThat(ShownText.markdown("Hello, is it 5$ or 10%? \"Yes\"; it's fine", 500))
                .as("punctuation that means nothing in Markdown stays readable")
                .isEqualTo("Hello, is it 5$ or 10%? \"Yes\"; it's fine");
    }

    @Test
    void lineBreaksStayOneAtATimeAndLongTextIsClippedWithoutHalfAnEscape() {
        assertThat(ShownText.markdown("first\r\n\r\n\r\n   second  \n\tthird", 500)).isEqualTo("first\nsecond\nthird");
        assertThat(ShownText.markdown("a".repeat(300), 10)).isEqualTo("aaaaaaaaa…");
        assertThat(ShownText.markdown("aaaaaaaa**", 10)).isEqualTo("aaaaaaaa…");
        assertThat(ShownText.markdown(null, 10)).isEmpty();
        assertThat(ShownText.inline("one\n\ntwo  three", 100)).isEqualTo("one two three");
    }

    private static final Pattern PLACED = Pattern.compile("\\{\\{\\s*([A-Za-z_]\\w*)\\s*}}");

    @Test
    void formsPlaceWhatPeopleWroteOnlyAsItsShownCopy() throws IOException {
        List<String> raw = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> forms = Files.list(Path.of("forms"))) {
            for (Path form : forms.filter(p -> p.toString().endsWith(".form")).sorted().toList()) {
                for (JsonNode text : json.readTree(form.toFile()).findValues("text")) {
                    Matcher placed = PLACED.matcher(text.asText());
                    while (placed.find()) {
                        if (TaskPresentation.SHOWN_TEXTS.contains(placed.group(1))) {
                            raw.add(form.getFileName() + ": {{" + placed.group(1) + "}} instead of {{"
                                    + TaskPresentation.shownVariable(placed.group(1)) + "}}");
                        }
                    }
                }
            }
        }
        assertThat(raw).isEmpty();
    }
}
