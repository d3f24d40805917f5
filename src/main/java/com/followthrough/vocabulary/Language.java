package com.followthrough.vocabulary;

import java.util.Optional;
import java.util.Set;

/** The language the customer is written to in; every customer message has a template in each. */
public enum Language {
    EN("en", "English"),
    DE("de", "German");

    public static final Set<String> IDS = Ids.of(values(), Language::id);

    private final String id;
    private final String word;

    Language(String id, String word) {
        this.id = id;
        this.word = word;
    }

    /**
     * The language by its English name, as the support team reads it everywhere (start form, Tasklist, Cockpit):
     * "German", never "Deutsch" on one screen and "German" on the next.
     */
    public String word() {
        return word;
    }

    /** "German"; an unknown id as it is. */
    public static String words(String id) {
        return of(id).map(Language::word).orElse(id == null ? "" : id);
    }

    /** As the case variable {@code language} and the JSON have it (an IETF language tag). */
    public String id() {
        return id;
    }

    public static Optional<Language> of(String id) {
        return Ids.find(values(), Language::id, id);
    }
}
