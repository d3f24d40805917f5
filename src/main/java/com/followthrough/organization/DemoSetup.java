package com.followthrough.organization;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Seeds the demo organization once the engine has deployed the models, on every start of the "demo" profile.
 * Each step only adds what is missing, so a restart on the same database neither fails nor duplicates.
 * Outside the demo profile nothing creates users, passwords or grants.
 */
@Component
@Profile("demo")
public class DemoSetup {

    private final DemoOrganization organization;
    private final DemoAuthorizations authorizations;
    private final TasklistFilters filters;

    public DemoSetup(DemoOrganization organization, DemoAuthorizations authorizations, TasklistFilters filters) {
        this.organization = organization;
        this.authorizations = authorizations;
        this.filters = filters;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void seed() {
        organization.create();
        authorizations.grant();
        filters.create();
    }
}
