package com.followthrough.vocabulary;

import java.util.Optional;
import java.util.Set;

/** How the customer reached us: for the case as opened, and for each later message. */
public enum Channel {
    PHONE("phone", "Phone", "by phone"),
    EMAIL("email", "Email", "by email"),
    WEB("web", "Web form", "through the web form"),
    CHAT("chat", "Chat", "by chat");

    public static final Set<String> IDS = Ids.of(values(), Channel::id);

    private final String id;
    private final String word;
    private final String how;

    Channel(String id, String word, String how) {
        this.id = id;
        this.word = word;
        this.how = how;
    }

    /** As a form option reads: "Web form". */
    public String word() {
        return word;
    }

    /** How a message came or goes, in a sentence: "by phone", "through the web form"; an unknown id as it is. */
    public static String how(String id) {
        return of(id).map(channel -> channel.how).orElse(id == null ? "" : id);
    }

    /** As the case variable {@code channel} and the JSON have it. */
    public String id() {
        return id;
    }

    public static Optional<Channel> of(String id) {
        return Ids.find(values(), Channel::id, id);
    }
}
