package io.quorch.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestStreamElementType;

import io.smallrye.mutiny.Multi;

/**
 * Server-Sent Events for the web UI: each event's data is a fingerprint of what the UI draws, sent
 * when it changes; the page then reads the API again. Outside /api, so a follower answers it from
 * its own backend (every node keeps the whole fleet's picture and applies every replicated change) instead of
 * holding a stream open to the leader; the reads the page makes next go through the follower proxy
 * as usual. A read: the API security admits any authenticated user.
 */
@Path("/web/events")
public class LiveEventsResource {

    private final LiveEventsService events;

    public LiveEventsResource(LiveEventsService events) {
        this.events = events;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<String> events() {
        return events.stream();
    }
}
