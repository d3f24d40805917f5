package com.followthrough.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.vocabulary.Channel;
import com.followthrough.vocabulary.Language;
import com.followthrough.vocabulary.Plan;
import com.followthrough.vocabulary.Priority;

/**
 * Every task form shows the case through one text component that places the one header the application computes
 * ({@link CaseContext#HEADER}), and no form copies a part of it; the start form offers the case vocabulary in the
 * words of {@code vocabulary}, so a language is "German" on the form as in Tasklist.
 */
class OneCaseHeaderTest {

    private static final String PLACES_HEADER = "{{" + CaseContext.HEADER + "}}";

    /** What only the header shows: its headings, and the variables it is made of. */
    private static final List<String> HEADER_HEADINGS = List.of("### Case", "#### Deadlines", "#### Open promises",
            "#### What the customer reported", "#### The problem in the customer's words", "#### Facts gathered",
            "#### Questions asked", "#### First response by a supervisor", "#### Diagnosis",
            "#### Specialist's diagnosis", "#### Who knows", "#### Who stepped in",
            "#### Notes from the last call", "#### How we solved it", "#### Note on the last reply to the solution",
            "#### Messages so far",
            "At fault", "**Owner", "**Plan", "**Language", "**Channel");
    private static final List<String> HEADER_VARIABLES = List.of("plan", "language", "listPlan", "channel",
            "priority", "owner", "followUpOf", "faultParty", "customerCost", "callbackAttempts", "preferredContactChannel",
            "shownDescription", "shownProblemInCustomersWords", "shownFactsGathered", "shownQuestionsAsked",
            "shownDiagnosis", "shownSpecialistDiagnosis", "expertName", "firstResponseNote", "supervisorAction",
            "supervisorActions", "lastCallNotes", "resolutionSummary", "replyNote", "caseDeadlines", "caseOpenPromises",
            "caseMessagesSoFar");
    private static final Pattern PLACED = Pattern.compile("\\{\\{[#/]?(?:if\\s+)?\\s*([A-Za-z_]\\w*)");

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyTaskFormShowsTheOneHeaderFirstAndNoFormCopiesItsParts() throws IOException {
        List<String> findings = new ArrayList<>();
        List<Path> taskForms = forms().stream().filter(form -> !form.getFileName().toString().equals("start-case.form")).toList();
        assertThat(taskForms).hasSizeGreaterThanOrEqualTo(24);
        for (Path form : taskForms) {
            JsonNode components = json.readTree(form.toFile()).path("components");
            JsonNode first = components.path(0);
            if (!"text".equals(first.path("type").asText()) || !PLACES_HEADER.equals(first.path("text").asText())) {
                findings.add(form.getFileName() + ": the first component is not the case header " + PLACES_HEADER);
            }
            for (int i = 1; i < components.size(); i++) {
                String text = components.get(i).path("text").asText("");
                String component = form.getFileName() + " " + components.get(i).path("id").asText();
                if (text.contains(PLACES_HEADER)) {
                    findings.add(form.getFileName() + ": the header twice");
                }
                HEADER_HEADINGS.stream().filter(text::contains)
                        .forEach(heading -> findings.add(component + " copies the header's part '" + heading + "'"));
                Matcher placed = PLACED.matcher(text);
                while (placed.find()) {
                    if (HEADER_VARIABLES.contains(placed.group(1))) {
                        findings.add(component + " places {{" + placed.group(1) + "}}, which the header shows");
                    }
                }
            }
        }
        assertThat(findings).isEmpty();
    }

    @Test
    void theStartFormOffersPlansLanguagesChannelsAndPrioritiesInTheVocabularysWords() throws IOException {
        JsonNode start = json.readTree(Path.of("forms/start-case.form").toFile());
        assertThat(options(start, "plan")).isEqualTo(words(Plan.values(), Plan::id, Plan::word));
        assertThat(options(start, "language")).as("the agent reads English: German, not Deutsch")
                .isEqualTo(words(Language.values(), Language::id, Language::word)).containsEntry("de", "German");
        assertThat(options(start, "channel")).isEqualTo(words(Channel.values(), Channel::id, Channel::word));
        assertThat(options(start, "priority")).isEqualTo(words(Priority.values(), Priority::id, Priority::word));
    }

    private static <E> Map<String, String> words(E[] values, Function<E, String> id, Function<E, String> word) {
        Map<String, String> words = new java.util.LinkedHashMap<>();
        for (E value : values) {
            words.put(id.apply(value), word.apply(value));
        }
        return words;
    }

    private static Map<String, String> options(JsonNode form, String key) {
        Map<String, String> options = new java.util.LinkedHashMap<>();
        for (JsonNode component : form.path("components")) {
            if (key.equals(component.path("key").asText())) {
                component.path("values").forEach(v -> options.put(v.path("value").asText(), v.path("label").asText()));
            }
        }
        return options;
    }

    private static List<Path> forms() throws IOException {
        try (Stream<Path> forms = Files.list(Path.of("forms"))) {
            return forms.filter(p -> p.toString().endsWith(".form")).sorted().toList();
        }
    }
}
