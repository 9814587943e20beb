package io.quorch.security;

/**
 * Who made a request, as the configured authentication method established it.
 *
 * @param user      the user's name; empty when the API has no authentication
 * @param mayChange whether this user may call routes that change anything
 */
public record Identity(String user, boolean mayChange) {

    public static final Identity ANONYMOUS_POWER = new Identity("", true);
}
