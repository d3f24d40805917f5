package com.followthrough.feedback;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.util.DigestUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.util.HtmlUtils;

import com.followthrough.SupportProperties;

/**
 * {@code GET /survey.html}, the page the survey link opens, without a login (as the answer to it, see
 * {@link SatisfactionController}): {@code static/survey.html} with the number customers call
 * ({@code follow-through.support.phone-number}, the one the mails' signature gives) in its {@code support-phone}
 * meta tag, so "please call us" on a closed survey or a broken link says which number. This mapping takes precedence
 * over the static file of the same path. Like the static file, it carries a validator: a browser that has the page
 * checks it again ({@code no-cache}) and gets 304 while the page is unchanged.
 */
@Controller
class SurveyPage {

    static final String PAGE = "static/survey.html";
    static final String PHONE_PLACEHOLDER = "{supportPhone}";

    private final String page;
    private final String etag;

    SurveyPage(SupportProperties properties) {
        this.page = read().replace(PHONE_PLACEHOLDER, HtmlUtils.htmlEscape(properties.support().phoneNumber()));
        this.etag = '"' + DigestUtils.md5DigestAsHex(page.getBytes(StandardCharsets.UTF_8)) + '"';
    }

    @GetMapping(path = "/survey.html")
    ResponseEntity<String> page(WebRequest request) {
        if (request.checkNotModified(etag)) {
            return null;
        }
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noCache()).eTag(etag).body(page);
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
