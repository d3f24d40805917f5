package com.followthrough.demo;

import java.util.HashMap;
import java.util.Map;

import com.followthrough.vocabulary.CaseVariable;
import com.followthrough.vocabulary.Channel;
import com.followthrough.vocabulary.Language;

/** A generated customer and their problem: the start variables of their case. */
record DemoCustomer(String name, String email, String phone, String plan, String language, String channel,
                    String priority, DemoProblem problem) {

    Map<String, Object> startVariables() {
        Map<String, Object> variables = new HashMap<>();
        CaseVariable.CUSTOMER_NAME.put(variables, name);
        CaseVariable.CUSTOMER_EMAIL.put(variables, email);
        CaseVariable.CUSTOMER_PHONE.put(variables, phone);
        CaseVariable.PLAN.put(variables, plan);
        CaseVariable.LANGUAGE.put(variables, language);
        CaseVariable.CHANNEL.put(variables, channel);
        CaseVariable.PRIORITY.put(variables, priority);
        CaseVariable.SUBJECT.put(variables, problem.subject());
        CaseVariable.DESCRIPTION.put(variables, problem.description());
        return variables;
    }

    /** The case was opened on a call: the customer is on the line. */
    boolean calledIn() {
        return Channel.PHONE.id().equals(channel);
    }

    boolean german() {
        return Language.DE.id().equals(language);
    }
}
