package com.followthrough.feedback;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.util.HtmlUtils;

import com.followthrough.SupportProperties;

/**
 * {@code GET /survey.html}, the page the survey link opens, without a login (as the answer to it, see
 * {@link SatisfactionController}): {@code static/survey.html} with the number customers call
 * ({@code follow-through.support.phone-number}, the one the mails' signature gives) in its {@code support-phone}
 * meta tag, so "please call us" on a closed survey or a broken link says which number. This mapping takes precedence
 * over the static file of the same path.
 */
@Controller
class SurveyPage {

    static final String PAGE = "static/survey.html";
    static final String PHONE_PLACEHOLDER = "{supportPhone}";

    private final String page;

    SurveyPage(SupportProperties properties) {
        this.page = read().replace(PHONE_PLACEHOLDER, HtmlUtils.htmlEscape(properties.support().phoneNumber()));
    }

    @GetMapping(path = "/survey.html")
    ResponseEntity<String> page() {
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8)).body(page);
    }

    private static String read() {
        try (InputStream in = new ClassPathResource(PAGE).getInputStream()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!text.contains(PHONE_PLACEHOLDER)) {
                throw new IllegalStateException(PAGE + " has no " + PHONE_PLACEHOLDER + " for the number to call");
            }
            return text;
        } catch (IOException notThere) {
            throw new UncheckedIOException(notThere);
        }
    }
}
