package com.followthrough.demo;

import java.util.HashMap;
import java.util.Map;

import com.followthrough.vocabulary.Channel;
import com.followthrough.vocabulary.Language;

/** A generated customer and their problem: the start variables of their case. */
record DemoCustomer(String name, String email, String phone, String plan, String language, String channel,
                    String priority, DemoProblem problem) {

    Map<String, Object> startVariables() {
        Map<String, Object> variables = new HashMap<>();
        variables.put("customerName", name);
        variables.put("customerEmail", email);
        variables.put("customerPhone", phone);
        variables.put("plan", plan);
        variables.put("language", language);
        variables.put("channel", channel);
        variables.put("priority", priority);
        variables.put("subject", problem.subject());
        variables.put("description", problem.description());
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
