package io.quorch.api;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quorch.consensus.InvalidCommandException;

/** A command no node could apply is the caller's mistake: 400 in orchestrator's error shape, nothing applied. */
public class InvalidCommandMapper {

    @ServerExceptionMapper
    public Response invalid(InvalidCommandException e) {
        return ApiExceptionMappers.error(400, e.getMessage());
    }
}
