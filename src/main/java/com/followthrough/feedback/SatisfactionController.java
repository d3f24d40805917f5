package com.followthrough.feedback;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.followthrough.FieldChecks;
import com.followthrough.api.ApiProblem;

/**
 * {@code POST /api/cases/{reference}/satisfaction}: the customer answers the survey (from {@code survey.html} or any
 * client). No login: the token from the survey link stands in for it (see the exemption in
 * {@code ApiAuthenticationFilter}), so the engine is called without a user.
 */
@RestController
public class SatisfactionController {

    static final int MAX_COMMENT = 2_000;

    /** A rating from 1 (poor) to 5 (great), an optional comment, and the token from the survey link. */
    public record SurveyAnswer(String token, Number rating, String comment) {
    }

    /**
     * {@code readBy}: who reads the answer ("supervisor", "owner" or "nobody", decision {@code SurveyAnswerReader});
     * the survey page thanks the customer accordingly and promises a reader only where there is one.
     */
    public record AnswerRecorded(String reference, int rating, String readBy) {
    }

    private final SurveyAnswers answers;

    public SatisfactionController(SurveyAnswers answers) {
        this.answers = answers;
    }

    @PostMapping(path = "/api/cases/{reference}/satisfaction", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    public AnswerRecorded answer(@PathVariable String reference, @RequestBody SurveyAnswer answer) {
        String token = answer.token() == null ? "" : answer.token().trim();
        String comment = answer.comment() == null ? "" : answer.comment().strip();
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        if (token.isEmpty()) {
            errors.add(new ApiProblem.FieldError("token", "is required: the token from the survey link"));
        }
        if (!isRating(answer.rating())) {
            errors.add(new ApiProblem.FieldError("rating", "must be a whole number from 1 to 5"
                    + (answer.rating() == null ? "" : ", not " + answer.rating())));
        }
        FieldChecks.notPlainText(answer.comment() == null ? "" : answer.comment(), true)
                .or(() -> FieldChecks.tooLong(comment, MAX_COMMENT))
                .ifPresent(message -> errors.add(new ApiProblem.FieldError("comment", message)));
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        int rating = answer.rating().intValue();
        String readBy = answers.answer(reference, token, rating, comment.isEmpty() ? null : comment);
        return new AnswerRecorded(reference, rating, readBy);
    }

    private static boolean isRating(Number rating) {
        return (rating instanceof Integer || rating instanceof Long) && rating.longValue() >= 1 && rating.longValue() <= 5;
    }
}
