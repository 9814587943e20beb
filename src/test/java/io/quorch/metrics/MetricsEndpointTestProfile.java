package io.quorch.metrics;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Basic authentication on, so the test sees which of Quarkus' own routes stay open. */
public class MetricsEndpointTestProfile implements QuarkusTestProfile {

    static final String USER = "reader";
    static final String PASSWORD = "s3cret";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quorch.security.authentication-method", "basic",
                "quorch.security.http-auth-user", USER,
                "quorch.security.http-auth-password", PASSWORD);
    }
}
