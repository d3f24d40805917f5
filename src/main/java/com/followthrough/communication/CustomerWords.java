package com.followthrough.communication;

import com.followthrough.FieldChecks;

/**
 * What a customer wrote or said, kept whole in the case's message record ({@code ft_customer_message.body}, a
 * {@code TEXT} column on H2 and PostgreSQL), while a process variable holds at most what the engine stores, 4000
 * characters: a longer text reaches the case as a shortened copy that says first that it continues and where the whole
 * of it is, so that no later clipping (a form's shown copy, a quote in the header) hides that.
 */
public final class CustomerWords {

    /**
     * The most a customer's message, a call's or a confirmation's note or a reopening's reason may hold over
     * {@code /api}: a long mail a gateway forwards cannot be shortened, and is kept whole.
     */
    public static final int MAX_LENGTH = 100_000;

    /** What the engine stores in a text variable. */
    public static final int MAX_IN_A_VARIABLE = 4000;

    /** How much of a longer text its shortened copy quotes: the copy and its pointer fit a variable. */
    static final int QUOTED_OF_A_LONG_ONE = 3000;

    private CustomerWords() {
    }

    /**
     * The text as a process variable holds it: itself when it fits, else its start after a note that it continues and
     * that the whole is in the case file of {@code caseReference} (null: the case it opens, whose reference the note
     * cannot name yet).
     */
    public static String forAVariable(String text, String caseReference) {
        if (text.length() <= MAX_IN_A_VARIABLE) {
            return text;
        }
        String quoted = FieldChecks.clipped(text, QUOTED_OF_A_LONG_ONE);
        String where = caseReference == null ? "GET /api/cases/{reference} of this case"
                : "GET /api/cases/" + caseReference;
        return "[A long message: shown here are its first " + quoted.length() + " of " + text.length()
                + " characters, and it continues. The whole message is kept in the case file (" + where
                + ", \"messages\"), nothing of it is lost.]\n" + quoted.stripTrailing() + " …";
    }
}
