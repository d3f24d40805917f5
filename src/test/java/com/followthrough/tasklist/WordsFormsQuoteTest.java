package com.followthrough.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * A form that quotes what we told the customer ("We told the customer: \"…\"") quotes what a message or the survey
 * page says, in English: an agent answers for the words the customer read, not for a promise nobody made or kept.
 */
class WordsFormsQuoteTest {

    private static final Pattern QUOTED = Pattern.compile("We told (?:the customer|them):? \"([^\"\\n]+)\"");

    @Test
    void whatAFormSaysWeToldTheCustomerIsInAMessageOrTheSurveyPage() throws IOException {
        StringBuilder told = new StringBuilder(Files.readString(Path.of("src/main/resources/static/survey.html")));
        try (Stream<Path> templates = Files.list(Path.of("src/main/resources/mail/en"))) {
            for (Path template : templates.sorted().toList()) {
                told.append('\n').append(Files.readString(template));
            }
        }
        String everything = told.toString().toLowerCase(Locale.ROOT);
        List<String> quoted = new ArrayList<>();
        List<String> untold = new ArrayList<>();
        for (FormText text : FormText.all()) {
            Matcher quote = QUOTED.matcher(text.text());
            while (quote.find()) {
                quoted.add(text.form() + ": " + quote.group(1));
                if (!everything.contains(quote.group(1).toLowerCase(Locale.ROOT))) {
                    untold.add(text.form() + ": \"" + quote.group(1) + "\"");
                }
            }
        }
        assertThat(quoted).as("the forms that quote the customer's messages").hasSizeGreaterThanOrEqualTo(2);
        assertThat(untold).isEmpty();
    }
}
