package com.followthrough.organization;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.filter.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.followthrough.FollowThroughSpringTest;

/**
 * Nodes that start at once on one database set the organization up one after the other, so a filter missing on both
 * is saved once: two of one name would make every later start fail (a filter is found by its name).
 */
@FollowThroughSpringTest
class OrganizationSetupTest {

    @Autowired OrganizationSetup organization;
    @Autowired FilterService filters;
    @Autowired PlatformTransactionManager transactions;
    @Autowired JdbcClient jdbc;

    @Test
    void aSecondNodeSetsUpOnceTheFirstHasFinished() throws Exception {
        Filter queue = filters.createFilterQuery().filterName(TasklistFilters.ADMINISTRATOR_QUEUE).singleResult();
        filters.deleteFilter(queue.getId());
        ExecutorService secondNode = Executors.newSingleThreadExecutor();
        try {
            Future<?> second = new TransactionTemplate(transactions).execute(status -> {
                // The first node holds the set-up's lock, as it does while it sets up (briefly: H2's lock timeout).
                jdbc.sql("SELECT name FROM ft_setup_lock WHERE name = 'organization' FOR UPDATE").query(String.class)
                        .single();
                Future<?> waiting = secondNode.submit(organization::seed);
                assertThatThrownBy(() -> waiting.get(300, MILLISECONDS)).as("the second node waits for the first")
                        .isInstanceOf(TimeoutException.class);
                return waiting;
            });
            second.get(60, SECONDS);
            organization.seed();
        } finally {
            secondNode.shutdownNow();
        }
        assertThat(filters.createFilterQuery().filterName(TasklistFilters.ADMINISTRATOR_QUEUE).count()).isEqualTo(1);
    }
}
