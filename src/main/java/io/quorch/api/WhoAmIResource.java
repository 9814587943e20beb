package io.quorch.api;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import io.quorch.config.SecurityConfig;
import io.quorch.security.ApiGate;
import io.quorch.security.ApiSecurityFilter;
import io.quorch.security.Identity;

/**
 * Who the caller is, as the API security established it, and whether they may change anything: the
 * web UI asks once and hides the actions a read-only user could not run (the routes refuse them all
 * the same). A read: any authenticated user may ask.
 */
@Path("/api/whoami")
@Produces(MediaType.APPLICATION_JSON)
public class WhoAmIResource {

    private final ApiGate gate;
    private final SecurityConfig security;

    public WhoAmIResource(ApiGate gate, SecurityConfig security) {
        this.gate = gate;
        this.security = security;
    }

    @GET
    public Map<String, Object> whoami(@Context ContainerRequestContext request) {
        Identity identity = request.getProperty(ApiSecurityFilter.IDENTITY) instanceof Identity i ? i
                : Identity.ANONYMOUS_POWER;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("User", identity.user());
        m.put("MayChange", identity.mayChange() && !security.readOnly());
        m.put("AuthenticationMethod", gate.method().configName());
        m.put("ReadOnly", security.readOnly());
        return m;
    }
}
