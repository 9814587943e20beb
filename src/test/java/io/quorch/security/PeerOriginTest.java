package io.quorch.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A report in a member's name is taken only from that member's raft host. */
class PeerOriginTest {

    private final List<String> lookedUp = new ArrayList<>();

    /** node1 and node2 by name, IP literals as themselves; anything else unknown. */
    private final PeerOrigin.Resolver hosts = host -> {
        lookedUp.add(host);
        Map<String, String> names = Map.of("node1", "10.0.0.1", "node2", "10.0.0.2");
        String ip = names.getOrDefault(host, host.matches("[0-9.:a-f]+") ? host : null);
        if (ip == null) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] { InetAddress.getByName(ip) };
    };

    @Test
    void aMemberCallingFromItsRaftHostIsTaken() {
        assertNull(PeerOrigin.refusal("node1:10008", "10.0.0.1", hosts));
        assertNull(PeerOrigin.refusal("127.0.0.1:10008", "127.0.0.1", hosts));
        assertNull(PeerOrigin.refusal("[::1]:10008", "0:0:0:0:0:0:0:1", hosts));
        assertNull(PeerOrigin.refusal("127.0.0.1:10008", "::ffff:127.0.0.1", hosts));
    }

    @Test
    void anotherHostSpeakingForAMemberIsNamed() {
        assertEquals("a report in the name of node1:10008 must come from its raft host node1, not from 10.0.0.2",
                PeerOrigin.refusal("node1:10008", "10.0.0.2", hosts));
        // every address of the loopback network is another host for this rule
        assertTrue(PeerOrigin.refusal("127.0.0.1:10008", "127.0.0.9", hosts).contains("not from 127.0.0.9"));
        assertEquals("the raft host of ghost:10008 cannot be resolved", PeerOrigin.refusal("ghost:10008", "10.0.0.1",
                hosts));
    }

    @Test
    void aRemoteAddressThatIsNoIpLiteralIsNeverLookedUp() {
        for (String remote : new String[] { null, "", "node1", "abc", "a.b", "10.0.0.1 ", "10.0.0.1\n", "x".repeat(100) }) {
            assertEquals("the request's remote address is unknown", PeerOrigin.refusal("node1:10008", remote, hosts),
                    String.valueOf(remote));
        }
        assertEquals(List.of(), lookedUp);
    }

    @Test
    void theHostOfARaftAddress() {
        assertEquals("node1", PeerOrigin.host("node1:10008"));
        assertEquals("node1", PeerOrigin.host("node1"));
        assertEquals("::1", PeerOrigin.host("[::1]:10008"));
        assertEquals("10.0.0.1", PeerOrigin.host(" 10.0.0.1:1 "));
    }
}
