package com.followthrough.servicelevel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;

/** {@code GET /api/service-levels}: what targets and deadlines a case opened at a given moment would get. */
@FollowThroughSpringTest
class ServiceLevelsApiTest {

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;

    ServiceLevelsApiTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    @Test
    void aStandardCaseOpenedOnChristmasEveAfternoonSkipsChristmasInGermany() throws Exception {
        HttpResponse<String> response = http.get(
                "/api/service-levels?plan=standard&priority=normal&channel=email&at=2030-12-24T16:00:00Z", "portal:portal");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode quote = json.readTree(response.body());
        assertThat(quote.get("openedAt").asText()).isEqualTo("2030-12-24T16:00:00Z");
        assertThat(quote.get("timeZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(quote.at("/targets/firstResponseTarget").asText()).isEqualTo("PT8H");
        assertThat(quote.at("/targets/updateInterval").asText()).isEqualTo("PT8H");
        assertThat(quote.at("/targets/resolutionTarget").asText()).isEqualTo("P5D");
        // Tuesday 17:00 in Berlin, closing time; 25 and 26 Dec are holidays: counting starts Friday 27 Dec 09:00.
        assertThat(quote.at("/deadlines/firstResponseDueAt").asText()).isEqualTo("2030-12-27T16:00:00Z");
        assertThat(quote.at("/deadlines/nextUpdateDueAt").asText()).isEqualTo("2030-12-27T16:00:00Z");
        // Five working days from Friday 09:00: 30 Dec, 31 Dec, (1 Jan closed) 2 Jan, 3 Jan, 6 Jan.
        assertThat(quote.at("/deadlines/resolutionDueAt").asText()).isEqualTo("2031-01-06T08:00:00Z");
    }

    @Test
    void premiumWorksSaturdaysButNotOnEasterMonday() throws Exception {
        // Saturday before Easter 2031 (Easter Sunday 13 April), 10:00 in Berlin: 2 working hours of premium's 08:00-20:00.
        JsonNode quote = json.readTree(http.get(
                "/api/service-levels?plan=premium&priority=high&channel=email&at=2031-04-12T10:00:00%2B02:00", "anna:anna").body());

        assertThat(quote.at("/deadlines/firstResponseDueAt").asText()).isEqualTo("2031-04-12T10:00:00Z");
        // P2D: the same time two working days on, Easter Sunday and Monday closed: Tuesday, Wednesday.
        assertThat(quote.at("/deadlines/resolutionDueAt").asText()).isEqualTo("2031-04-16T08:00:00Z");
    }

    @Test
    void agentsSupervisorsAnalystsAndIntakeSystemsMayAskOthersNot() throws Exception {
        String path = "/api/service-levels?plan=enterprise&priority=urgent&channel=chat&at=2030-12-24T16:00:00Z";
        for (String user : new String[] {"anna:anna", "jonas:jonas", "maria:maria", "alex:alex", "demo:demo", "portal:portal"}) {
            HttpResponse<String> response = http.get(path, user);
            assertThat(response.statusCode()).as(user).isEqualTo(200);
            assertThat(json.readTree(response.body()).at("/deadlines/firstResponseDueAt").asText()).as("around the clock")
                    .isEqualTo("2030-12-24T16:10:00Z");
        }
        HttpResponse<String> designer = http.get(path, "dana:dana");
        assertThat(designer.statusCode()).isEqualTo(403);
        assertThat(designer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(http.get(path, null).statusCode()).isEqualTo(401);
    }

    @Test
    void aMissingOrBadParameterIsNamed() throws Exception {
        assertRefused("/api/service-levels?priority=normal&channel=email&at=2030-12-24T16:00:00Z", "plan");
        assertRefused("/api/service-levels?plan=gold&priority=normal&channel=email&at=2030-12-24T16:00:00Z", "plan");
        assertRefused("/api/service-levels?plan=standard&priority=asap&channel=email&at=2030-12-24T16:00:00Z", "priority");
        assertRefused("/api/service-levels?plan=standard&priority=normal&channel=fax&at=2030-12-24T16:00:00Z", "channel");
        assertRefused("/api/service-levels?plan=standard&priority=normal&channel=email", "at");
        assertRefused("/api/service-levels?plan=standard&priority=normal&channel=email&at=2030-12-24T16:00", "at");
        assertRefused("/api/service-levels?plan=standard&priority=normal&channel=email&at=yesterday", "at");
        assertRefused("/api/service-levels?plan=standard&priority=normal&channel=email&at=1830-12-24T16:00:00Z", "at");

        JsonNode all = json.readTree(http.get("/api/service-levels", "anna:anna").body());
        assertThat(all.get("errors").findValuesAsText("field")).containsExactly("plan", "priority", "channel", "at");
    }

    private void assertRefused(String path, String field) throws Exception {
        HttpResponse<String> response = http.get(path, "anna:anna");
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(response.body()).get("errors").findValuesAsText("field")).as(path).containsExactly(field);
    }
}
