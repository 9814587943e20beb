package io.quorch.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class NodeResourceTest {

    @Test
    void healthIsOkWithTheNodeAndBackend() {
        given().get("/api/health").then().statusCode(200)
                .body("Code", equalTo("OK"))
                .body("Details.Healthy", equalTo(true))
                .body("Details.Backend", equalTo("sqlite"))
                .body("Details.Hostname", notNullValue())
                .body("Details.Token", notNullValue());
    }

    @Test
    void statusGivesVersionHostnameUptimeAndBackend() {
        given().get("/api/status").then().statusCode(200)
                .body("Details.Version", notNullValue())
                .body("Details.UptimeSeconds", greaterThanOrEqualTo(0))
                .body("Details.Backend", equalTo("sqlite"))
                .body("Details.BackendDescription", equalTo("sqlite file target/test-data/quorch-test.db"));
    }

    @Test
    void unknownApiRoutesAnswerJsonErrors() {
        given().get("/api/no-such-thing/x/1").then().statusCode(404)
                .body("Code", equalTo("ERROR"))
                .body("Message", equalTo("unknown API path: /api/no-such-thing/x/1"));
    }

    @Test
    void wrongMethodAnswersJsonError() {
        given().delete("/api/health").then().statusCode(405).body("Code", equalTo("ERROR"));
    }

    @Test
    void aSingleNodeIsItsOwnLeader() {
        given().get("/api/leader-check").then().statusCode(200).body(equalTo("\"OK\""));
        given().get("/api/raft-health").then().statusCode(200);
        given().get("/api/raft-state").then().statusCode(200).body(equalTo("\"Leader\""));
        given().get("/api/leader-check/abc").then().statusCode(400).body("Code", equalTo("ERROR"));
        given().get("/api/status").then().statusCode(200).body("Details.IsRaftLeader", equalTo(true));
    }

    @Test
    void loadBalancerChecksAlwaysOk() {
        given().get("/api/lb-check").then().statusCode(200).body(equalTo("\"OK\""));
        given().get("/api/_ping").then().statusCode(200);
    }

    @Test
    void smallRyeHealthLivenessAndReadiness() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("quorch"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("backend")).body("checks.name", hasItem("raft"));
        given().get("/q/health/group/leader").then().statusCode(200).body("status", equalTo("UP"));
    }
}
