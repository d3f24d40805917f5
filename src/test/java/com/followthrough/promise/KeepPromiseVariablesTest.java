package com.followthrough.promise;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.followthrough.organization.ListColumn;
import com.followthrough.vocabulary.CaseVariable;
import com.followthrough.tasklist.TaskPresentation;

/** KeepPromise gets only the case variables it reads ({@link KeepPromiseVariables}): every one it reads, though. */
class KeepPromiseVariablesTest {

    /**
     * Set by KeepPromise itself (its steps, forms and input mappings), so not passed in. {@code supervisorAction} is
     * the field of its own "Keep the promise at risk": passed in, the case's note of an earlier promise would fill it.
     */
    private static final Set<String> SET_INSIDE = Set.of("callbackAttempts", "callbackOutcome", "callbackNotes",
            "callbackReminderAt", "callbackRetryWait", "retryWaitOverAt", "anotherAttemptAllowed",
            "unreachableDecision", "unreachableDecisionDueAt", "promiseId", "messageKind", "callbackHandedOver",
            "handedOverCallDueAt", "callbackMadeAt", "supervisorAction");
    /** Beans, functions and words of the expression language, not variables. A caller's camunda:out expression is
     *  evaluated in KeepPromise, so its variables count as read there. */
    private static final Set<String> NOT_VARIABLES = Set.of("execution", "task", "true", "false", "null", "empty",
            "not", "and", "or", "deadlines", "breakPromise", "discountRequests", "firstPersonalContact", "fulfilPromise",
            "leaveVoicemail", "recordPromise", "sendCustomerMessage", "checkPromise", "keepPromiseVariables",
            "promiseTakeover", "callEndsTheWait", "callMade", "callNotes", "callDecision");
    /** Values a form is given when it is read (TaskPresentation.readWithTheForm), not variables of the case. */
    private static final Set<String> READ_WITH_THE_FORM = Set.of("supportTimeZone");
    private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{([^}]*)}");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![.'\\w])([a-zA-Z][a-zA-Z0-9]*)(?![\\w(']|\\s*\\()");
    private static final Pattern FORM_TEXT = Pattern.compile("\\{\\{([a-zA-Z][a-zA-Z0-9]*)}}");

    @Test
    void everyVariableKeepPromiseReadsIsPassedIn() throws IOException {
        Set<String> read = new TreeSet<>();
        String model = Files.readString(Path.of("processes/keep-promise.bpmn"));
        Matcher expressions = EXPRESSION.matcher(model);
        while (expressions.find()) {
            Matcher identifiers = IDENTIFIER.matcher(expressions.group(1).replaceAll("'[^']*'", "''"));
            while (identifiers.find()) {
                read.add(identifiers.group(1));
            }
        }
        for (String caller : new String[] {"support-case", "customer-feedback"}) {
            Matcher outs = Pattern.compile("<camunda:out sourceExpression=\"([^\"]*)\"")
                    .matcher(Files.readString(Path.of("processes", caller + ".bpmn")));
            while (outs.find()) {
                Matcher identifiers = IDENTIFIER.matcher(outs.group(1).replaceAll("^[$#]\\{|}$", ""));
                while (identifiers.find()) {
                    read.add(identifiers.group(1));
                }
            }
        }
        for (String form : new String[] {"call-customer-back", "decide-customer-unreachable", "keep-promise-at-risk"}) {
            Matcher texts = FORM_TEXT.matcher(Files.readString(Path.of("forms", form + ".form")));
            while (texts.find()) {
                read.add(texts.group(1));
            }
        }
        read.removeIf(name -> name.startsWith("shown") || name.startsWith("list") || name.startsWith("case")
                && !name.equals("caseReference") && !name.equals("caseClosedAlready"));
        TaskPresentation.SHOWN_TEXTS.forEach(read::add);
        ListColumn.ALL.forEach(column -> column.parts().forEach(part -> read.add(part.name())));
        read.addAll(readByTheCaseHeader());
        read.removeAll(NOT_VARIABLES);
        read.removeAll(SET_INSIDE);
        read.removeAll(READ_WITH_THE_FORM);
        read.removeAll(KeepPromiseVariables.NOT_PASSED);

        assertThat(KeepPromiseVariables.READ).as("passed into KeepPromise").containsAll(read);
    }

    /**
     * The case variables the one case header every form shows ({@code CaseContext}) reads, from its source: every
     * typed key it names ({@code CaseVariable.FAULT_PARTY}, in its lists of deadlines and quotes too), and a name read
     * as a literal ({@code variables.get("x")}, {@code CaseVariables.text(variables, "x")}), should one come back.
     */
    private static Set<String> readByTheCaseHeader() throws IOException {
        String source = Files.readString(Path.of("src/main/java/com/followthrough/tasklist/CaseContext.java"));
        Set<String> names = new TreeSet<>();
        Matcher literal = Pattern.compile("variables(?:, |\\.get\\()\"([a-zA-Z]+)\"").matcher(source);
        while (literal.find()) {
            names.add(literal.group(1));
        }
        Matcher typed = Pattern.compile("CaseVariable\\.([A-Z_]+)").matcher(source);
        while (typed.find()) {
            names.add(caseVariable(typed.group(1)));
        }
        return names;
    }

    private static String caseVariable(String key) {
        try {
            return ((CaseVariable<?>) CaseVariable.class.getField(key).get(null)).name();
        } catch (ReflectiveOperationException notAKey) {
            throw new AssertionError("CaseContext reads CaseVariable." + key + ", which is no key", notAKey);
        }
    }

    @Test
    void whatNothingThereReadsStaysWithTheCase() {
        assertThat(KeepPromiseVariables.READ).doesNotContain("costOfTheMiss", "diagnosisOutcome",
                "openedAt", "firstResponseTarget", "resolutionTarget", "reimbursementApprovalWindow",
                "reimbursementArrangementWindow", "reimbursementOwnerWindow", "reimbursementDecided");
        assertThat(KeepPromiseVariables.READ).as("read by the header, not passed").doesNotContainAnyElementsOf(
                KeepPromiseVariables.NOT_PASSED);
    }
}
