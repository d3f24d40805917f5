package com.followthrough.organization;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Refuses to start the production profile with anything of the demo: the demo profile, a demo user (they all have
 * password = user id), an administrator password that is a default or the user id, or what the demo tells customers
 * (no mail server, the sample number to call, an example sender, a survey link to localhost) or the mail dispatcher
 * switched off (a setting for the tests, which dispatch themselves). Runs once the engine is
 * built and before the web server takes requests, so a refused node never serves one.
 */
@Component
@Profile("production")
public class ProductionStartupCheck implements SmartInitializingSingleton {

    static final String DEMO_ADMIN = "demo";
    static final Set<String> DEFAULT_PASSWORDS = Set.of("demo", "admin", "administrator", "camunda", "password",
            "changeme", "secret");
    static final int MIN_ADMIN_PASSWORD_LENGTH = 12;
    /** Set from the environment in application-production.yaml, without defaults. */
    static final List<String> FROM_THE_ENVIRONMENT = List.of("spring.datasource.url", "spring.datasource.username",
            "spring.datasource.password", "camunda.bpm.admin-user.id", "camunda.bpm.admin-user.password");

    static final String PHONE_NUMBER = "follow-through.support.phone-number";
    static final String SAMPLE_PHONE_NUMBER = "+49 30 1234 5678";
    static final String MAIL_FROM = "follow-through.mail.from";
    static final String SURVEY_URL = "follow-through.feedback.survey-url";
    static final String MAIL_DISPATCHER = "follow-through.mail.dispatcher.enabled";
    static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "0.0.0.0");

    private final IdentityService identityService;
    private final Environment environment;

    public ProductionStartupCheck(IdentityService identityService, Environment environment) {
        this.identityService = identityService;
        this.environment = environment;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start with the production profile: " + String.join("; ", problems));
        }
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (environment.acceptsProfiles(Profiles.of("demo"))) {
            problems.add("the demo profile is active too");
        }
        String[] demoUsers = Stream.concat(Stream.of(DEMO_ADMIN), DemoOrganization.PEOPLE.stream().map(DemoOrganization.Person::id))
                .toArray(String[]::new);
        List<String> present = identityService.createUserQuery().userIdIn(demoUsers).list().stream().map(User::getId)
                .sorted().toList();
        if (!present.isEmpty()) {
            problems.add("demo users exist: " + String.join(", ", present)
                    + " (their password is their user id; delete them in Camunda Admin)");
        }
        for (String setting : FROM_THE_ENVIRONMENT) {
            if (fromTheEnvironment(setting) == null) {
                problems.add(setting + " is not set (see application-production.yaml for its environment variable)");
            }
        }
        String adminId = fromTheEnvironment("camunda.bpm.admin-user.id");
        String adminPassword = Objects.toString(fromTheEnvironment("camunda.bpm.admin-user.password"), "");
        if (adminId != null && !adminId.isBlank() && (adminPassword.length() < MIN_ADMIN_PASSWORD_LENGTH
                || adminPassword.equalsIgnoreCase(adminId)
                || DEFAULT_PASSWORDS.contains(adminPassword.toLowerCase(Locale.ROOT)))) {
            problems.add("camunda.bpm.admin-user.password (FOLLOW_THROUGH_ADMIN_PASSWORD) is a default, the user id or"
                    + " shorter than " + MIN_ADMIN_PASSWORD_LENGTH + " characters");
        }
        problems.addAll(whatCustomersWouldBeTold());
        return problems;
    }

    /**
     * Every message promises the customer something and gives the number to call; the shipped values are samples.
     * Without a mail server, or without the dispatcher that hands the outbox to it, no customer hears anything (each
     * message is only logged, or waits unsent without an incident), with the sample number they
     * call nobody, and a survey link to localhost leads nowhere.
     */
    private List<String> whatCustomersWouldBeTold() {
        List<String> problems = new ArrayList<>();
        if (fromTheEnvironment("spring.mail.host") == null) {
            problems.add("spring.mail.host (SPRING_MAIL_HOST) is not set: no customer would get a message, not even"
                    + " the acknowledgment (docs/operations.md, Mail delivery)");
        }
        if (SAMPLE_PHONE_NUMBER.equals(Objects.toString(fromTheEnvironment(PHONE_NUMBER), "").strip())) {
            problems.add(PHONE_NUMBER + " is the sample " + SAMPLE_PHONE_NUMBER
                    + ": set the number customers call (FOLLOW_THROUGH_SUPPORT_PHONE_NUMBER)");
        }
        if ("false".equalsIgnoreCase(Objects.toString(fromTheEnvironment(MAIL_DISPATCHER), "").strip())) {
            problems.add(MAIL_DISPATCHER + " is false (FOLLOW_THROUGH_MAIL_DISPATCHER_ENABLED): no node would hand"
                    + " a message to the mail server, and nobody would be told (every node may dispatch: each message"
                    + " is claimed by one)");
        }
        String from = Objects.toString(fromTheEnvironment(MAIL_FROM), "").strip().toLowerCase(Locale.ROOT);
        if (from.endsWith(".example") || from.endsWith(".example>")) {
            problems.add(MAIL_FROM + " is on an example domain (" + from
                    + "): set the sender customers see and answer (FOLLOW_THROUGH_MAIL_FROM)");
        }
        String surveyHost = host(fromTheEnvironment(SURVEY_URL));
        if (surveyHost == null || LOCAL_HOSTS.contains(surveyHost)) {
            problems.add(SURVEY_URL + " does not lead to the app's public address"
                    + " (FOLLOW_THROUGH_FEEDBACK_SURVEY_URL): customers could not answer the survey");
        }
        return problems;
    }

    private static String host(String url) {
        if (url == null) {
            return null;
        }
        try {
            String host = URI.create(url.replace("{", "%7B").replace("}", "%7D")).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException notAUrl) {
            return null;
        }
    }

    /** The setting, or null when it is missing or names an environment variable that is not set. */
    private String fromTheEnvironment(String setting) {
        try {
            String value = environment.getProperty(setting);
            return value == null || value.isBlank() ? null : value;
        } catch (IllegalArgumentException unresolvable) {
            return null;
        }
    }
}
