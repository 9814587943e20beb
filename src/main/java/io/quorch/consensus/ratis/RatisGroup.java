package io.quorch.consensus.ratis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;

/** The one raft group every quorch node belongs to, and this server's view of it. */
final class RatisGroup {

    /** Derived from a fixed name, so every node of every version agrees on it without configuration. */
    static final RaftGroupId ID = RaftGroupId.valueOf(
            UUID.nameUUIDFromBytes("quorch".getBytes(StandardCharsets.UTF_8)));

    private RatisGroup() {
    }

    static RaftServer.Division division(RaftServer server) throws IOException {
        return server.getDivision(ID);
    }

    /** The server's role, term and leader in the group; unchecked because a started server always has it. */
    static DivisionInfo info(RaftServer server) {
        try {
            return division(server).getInfo();
        } catch (IOException e) {
            throw new IllegalStateException("raft division unavailable", e);
        }
    }
}
