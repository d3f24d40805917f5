package com.followthrough.servicelevel;

import java.time.Instant;
import java.util.Optional;

/**
 * When the customer last heard from us on a case, which the update interval counts from. The message record keeps it
 * ({@code communication.CustomerMessages}); it implements this so that service levels need not know about messages.
 */
public interface LastCustomerContact {

    /** When the customer last heard from us, if ever. */
    Optional<Instant> lastOutboundAt(String caseReference);
}
