package com.followthrough.communication;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.Date;
import java.util.Locale;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import com.followthrough.CaseVariables;
import com.followthrough.SupportProperties;

/**
 * Writes a customer message of a given kind in the case's language, from the templates in
 * {@code customer-messages_<language>.properties}. Every template gets the same named facts of the case
 * (see {@link Fact}); times are shown in the support team's time zone, in the customer's language.
 */
@Component
public class MessageComposer {

    /** The facts a template may use, by position: {0} is the customer's name, {1} the reference, ... */
    enum Fact {
        CUSTOMER_NAME, CASE_REFERENCE, SUPPORT_PHONE, FIRST_RESPONSE_DUE_AT, NEXT_ACTIONS, CALLBACK_DUE_AT,
        CALLBACK_NUMBER, REPLY_TEXT, RESOLUTION_SUMMARY, REIMBURSEMENT_AMOUNT, SUBJECT, REIMBURSEMENT_KIND,
        SURVEY_LINK
    }

    private final MessageSource templates;
    private final ZoneId supportZone;

    public MessageComposer(MessageSource templates, SupportProperties properties) {
        this.templates = templates;
        this.supportZone = properties.support().timeZone();
    }

    public Composed compose(MessageKind kind, VariableScope caseVariables) {
        Locale locale = Locale.forLanguageTag(String.valueOf(caseVariables.getVariable("language")));
        Object[] facts = facts(caseVariables, locale);
        String subject = templates.getMessage(kind.modelName() + ".subject", facts, locale);
        String body = templates.getMessage(kind.modelName() + ".body", facts, locale);
        return new Composed(subject, body);
    }

    private Object[] facts(VariableScope variables, Locale locale) {
        Object[] facts = new Object[Fact.values().length];
        facts[Fact.CUSTOMER_NAME.ordinal()] = CaseVariables.text(variables, "customerName");
        facts[Fact.CASE_REFERENCE.ordinal()] = CaseVariables.text(variables, "caseReference");
        facts[Fact.SUPPORT_PHONE.ordinal()] = CaseVariables.text(variables, "supportPhoneNumber");
        facts[Fact.FIRST_RESPONSE_DUE_AT.ordinal()] = time(variables.getVariable("firstResponseDueAt"), locale);
        facts[Fact.NEXT_ACTIONS.ordinal()] = CaseVariables.text(variables, "nextActions");
        facts[Fact.CALLBACK_DUE_AT.ordinal()] = time(variables.getVariable("callbackDueAt"), locale);
        facts[Fact.CALLBACK_NUMBER.ordinal()] = CaseVariables.text(variables, "callbackNumber");
        facts[Fact.REPLY_TEXT.ordinal()] = CaseVariables.text(variables, "replyText");
        facts[Fact.RESOLUTION_SUMMARY.ordinal()] = CaseVariables.text(variables, "resolutionSummary");
        Object amount = variables.getVariable("reimbursementAmount");
        facts[Fact.REIMBURSEMENT_AMOUNT.ordinal()] = amount == null ? ""
                : String.format(locale, "%.2f EUR", ((Number) amount).doubleValue());
        facts[Fact.SUBJECT.ordinal()] = CaseVariables.text(variables, "subject");
        Object reimbursementKind = variables.getVariable("reimbursementKind");
        facts[Fact.REIMBURSEMENT_KIND.ordinal()] = reimbursementKind == null || "none".equals(reimbursementKind) ? ""
                : templates.getMessage("reimbursementKind." + reimbursementKind, null, locale);
        facts[Fact.SURVEY_LINK.ordinal()] = CaseVariables.text(variables, "surveyLink");
        return facts;
    }

    private String time(Object value, Locale locale) {
        if (!(value instanceof Date date)) {
            return "";
        }
        DateTimeFormatter format = new DateTimeFormatterBuilder()
                .appendLocalized(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .appendLiteral(' ')
                .appendZoneText(TextStyle.SHORT)
                .toFormatter(locale)
                .withZone(supportZone);
        return format.format(date.toInstant());
    }

    public record Composed(String subject, String body) {
    }
}
