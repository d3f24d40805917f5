package com.followthrough.vocabulary;

import java.util.Optional;
import java.util.Set;

/** The language the customer is written to in; every customer message has a template in each. */
public enum Language {
    EN("en"),
    DE("de");

    public static final Set<String> IDS = Ids.of(values(), Language::id);

    private final String id;

    Language(String id) {
        this.id = id;
    }

    /** As the case variable {@code language} and the JSON have it (an IETF language tag). */
    public String id() {
        return id;
    }

    public static Optional<Language> of(String id) {
        return Ids.find(values(), Language::id, id);
    }
}
