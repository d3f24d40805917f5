package com.followthrough.vocabulary;

import java.util.Optional;
import java.util.Set;

/** The customer's support plan; each has its own business calendar and service levels. */
public enum Plan {
    STANDARD("standard", "Standard"),
    PREMIUM("premium", "Premium"),
    ENTERPRISE("enterprise", "Enterprise");

    public static final Set<String> IDS = Ids.of(values(), Plan::id);

    private final String id;
    private final String word;

    Plan(String id, String word) {
        this.id = id;
        this.word = word;
    }

    /** As a person reads it, on a form option and in Tasklist: "Premium". */
    public String word() {
        return word;
    }

    /** "Premium plan"; an unknown id as it is. */
    public static String words(String id) {
        return of(id).map(plan -> plan.word + " plan").orElse(id == null ? "" : id);
    }

    /** As the case variable {@code plan} and the JSON have it. */
    public String id() {
        return id;
    }

    public static Optional<Plan> of(String id) {
        return Ids.find(values(), Plan::id, id);
    }
}
