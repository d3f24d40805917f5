package com.followthrough.vocabulary;

import java.util.Optional;
import java.util.Set;

/** The customer's support plan; each has its own business calendar and service levels. */
public enum Plan {
    STANDARD("standard"),
    PREMIUM("premium"),
    ENTERPRISE("enterprise");

    public static final Set<String> IDS = Ids.of(values(), Plan::id);

    private final String id;

    Plan(String id) {
        this.id = id;
    }

    /** As the case variable {@code plan} and the JSON have it. */
    public String id() {
        return id;
    }

    public static Optional<Plan> of(String id) {
        return Ids.find(values(), Plan::id, id);
    }
}
