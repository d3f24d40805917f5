package com.followthrough.vocabulary;

import java.util.Optional;
import java.util.Set;

/** How the customer reached us: for the case as opened, and for each later message. */
public enum Channel {
    PHONE("phone"),
    EMAIL("email"),
    WEB("web"),
    CHAT("chat");

    public static final Set<String> IDS = Ids.of(values(), Channel::id);

    private final String id;

    Channel(String id) {
        this.id = id;
    }

    /** As the case variable {@code channel} and the JSON have it. */
    public String id() {
        return id;
    }

    public static Optional<Channel> of(String id) {
        return Ids.find(values(), Channel::id, id);
    }
}
