package com.followthrough.demo;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import com.followthrough.SupportProperties;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.feedback.SurveyAnswers;
import com.followthrough.intake.CaseIntake;

/**
 * What a simulated case is played through: the engine, the services the API and Tasklist use, and the settings the
 * people read the days they type in and keep their office hours in (the support team's zone).
 */
@Component
@Profile("demo")
record CaseServices(ProcessEngine engine, CaseIntake intake, CaseInbox inbox, SurveyAnswers surveyAnswers,
                    CustomerMessages messages, DemoPeople people, SupportProperties settings) {
}
