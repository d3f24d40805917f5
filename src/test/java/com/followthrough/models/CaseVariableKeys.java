package com.followthrough.models;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The typed case variables of {@code vocabulary.CaseVariable}, read from its source like the rest of the checks read
 * the code: which variable each key names ({@code CALLBACK_DUE_AT} → {@code callbackDueAt}), and which variables a
 * source reads ({@code CaseVariable.X.get(...)}, {@code .text(...)}) or writes ({@code .set(...)}, {@code .put(...)})
 * through a key.
 */
final class CaseVariableKeys {

    static final String SOURCE = "src/main/java/com/followthrough/vocabulary/CaseVariable.java";

    private static final Pattern KEY = Pattern.compile(
            "static\\s+final\\s+CaseVariable<\\w+>\\s+(\\w+)\\s*=\\s*(?:\\w+|new\\s+CaseVariable<>)\\(\\s*\"(\\w+)\"");
    private static final Pattern READ = Pattern.compile("\\bCaseVariable\\.(\\w+)\\.(?:get|text)\\(");
    private static final Pattern WRITE = Pattern.compile("\\bCaseVariable\\.(\\w+)\\.(?:set|put)\\(");

    /** Key → variable name. */
    private final Map<String, String> variables = new TreeMap<>();

    private CaseVariableKeys() {
    }

    /** The keys declared in {@code source}, the text of {@link #SOURCE}; none when there is no such file. */
    static CaseVariableKeys declaredIn(String source) {
        CaseVariableKeys keys = new CaseVariableKeys();
        if (source != null) {
            Matcher key = KEY.matcher(source);
            while (key.find()) {
                keys.variables.put(key.group(1), key.group(2));
            }
        }
        return keys;
    }

    /** Key → variable name, e.g. {@code CASE_REFERENCE} → {@code caseReference}. */
    Map<String, String> variables() {
        return variables;
    }

    /** The variable a key names, for a key used in an expression such as {@code CaseVariable.PLAN.get(variables)}. */
    String variable(String key) {
        String name = variables.get(key);
        if (name == null) {
            throw new IllegalStateException("CaseVariable." + key + " is used but not declared in " + SOURCE);
        }
        return name;
    }

    /** The variables Java source reads through a key. */
    Set<String> readIn(String java) {
        return through(READ, java);
    }

    /** The variables Java source writes through a key. */
    Set<String> writtenIn(String java) {
        return through(WRITE, java);
    }

    private Set<String> through(Pattern use, String java) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = use.matcher(java);
        while (matcher.find()) {
            names.add(variable(matcher.group(1)));
        }
        return names;
    }
}
