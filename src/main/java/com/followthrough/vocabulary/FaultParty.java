package com.followthrough.vocabulary;

import java.util.Optional;
import java.util.Set;

/** Who caused the problem, as the diagnosis and the resolution record it (internal: the customer is never told). */
public enum FaultParty {
    COMPANY("company", "our company"),
    CUSTOMER("customer", "the customer"),
    THIRD_PARTY("thirdParty", "a third party"),
    UNKNOWN("unknown", "not known yet");

    public static final Set<String> IDS = Ids.of(values(), FaultParty::id);

    private final String id;
    private final String words;

    FaultParty(String id, String words) {
        this.id = id;
        this.words = words;
    }

    /** As the case variable {@code faultParty} and the forms' options have it. */
    public String id() {
        return id;
    }

    /** "our company"; an unknown id as it is. */
    public static String words(String id) {
        return of(id).map(party -> party.words).orElse(id == null ? "" : id);
    }

    public static Optional<FaultParty> of(String id) {
        return Ids.find(values(), FaultParty::id, id);
    }
}
