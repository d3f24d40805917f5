package com.followthrough.workload;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.followthrough.EngineClock;
import com.followthrough.communication.MessageKind;
import com.followthrough.communication.MessagePreparation;
import com.followthrough.organization.People;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WorkloadProperties.class)
class WorkloadConfiguration {

    /** "Olivia ... will call you back": who holds the callback, for the written promise. */
    @Bean
    MessagePreparation callbackHolderInPromise(Absences absences, People people, EngineClock clock) {
        return new HolderNamedInMessages(MessageKind.PROMISE_CONFIRMATION, "callbackDueAt", absences, people, clock);
    }

    /** "Olivia ... will answer you": who holds the answer, for the acknowledgment of the customer's message. */
    @Bean
    MessagePreparation answerHolderInAcknowledgment(Absences absences, People people, EngineClock clock) {
        return new HolderNamedInMessages(MessageKind.MESSAGE_RECEIVED, "answerDueAt", absences, people, clock);
    }

    /**
     * "You will hear from Olivia": who holds the owner's next step after the specialist's advice ("Promise a
     * callback", due by the time told), for the message that a specialist joins.
     */
    @Bean
    MessagePreparation adviceHolderInSpecialistJoining(Absences absences, People people, EngineClock clock) {
        return new HolderNamedInMessages(MessageKind.SPECIALIST_JOINING, "specialistAdviceDueAt", absences, people,
                clock);
    }
}
