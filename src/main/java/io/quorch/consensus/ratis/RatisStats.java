package io.quorch.consensus.ratis;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.ratis.proto.RaftProtos.CommitInfoProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;

import io.quorch.consensus.RaftStats;

/** Reads the figures the metrics show from the Ratis server, and counts the leader changes it reports. */
final class RatisStats {

    private final RaftServer server;
    private final RatisMembers members;
    private final AtomicLong leaderChanges = new AtomicLong();
    private final AtomicReference<RaftPeerId> lastLeader = new AtomicReference<>();

    RatisStats(RaftServer server, RatisMembers members) {
        this.server = server;
        this.members = members;
    }

    /** Ratis named a leader (null: none known): a different one than the last counts as a change. */
    void leaderChanged(RaftPeerId leader) {
        if (leader != null && !leader.equals(lastLeader.getAndSet(leader))) {
            leaderChanges.incrementAndGet();
        }
    }

    RaftStats read() {
        RaftServer.Division division;
        try {
            division = RatisGroup.division(server);
        } catch (IOException e) {
            return new RaftStats(0, 0, 0, leaderChanges.get(), Map.of(), Map.of());
        }
        var info = division.getInfo();
        long commit = division.getRaftLog().getLastCommittedIndex();
        Map<String, Long> lag = new LinkedHashMap<>();
        Map<String, Long> contact = new LinkedHashMap<>();
        if (info.isLeader()) {
            String self = members.self().getId().toString();
            for (CommitInfoProto c : division.getCommitInfos()) {
                String id = c.getServer().getId().toStringUtf8();
                if (!id.equals(self)) {
                    lag.put(address(id, c.getServer().getAddress()), Math.max(0, commit - c.getCommitIndex()));
                }
            }
            RoleInfoProto role = info.getRoleInfoProto();
            if (role.hasLeaderInfo()) {
                for (ServerRpcProto f : role.getLeaderInfo().getFollowerInfoList()) {
                    contact.put(address(f.getId().getId().toStringUtf8(), f.getId().getAddress()),
                            f.getLastRpcElapsedTimeMs());
                }
            }
        }
        return new RaftStats(info.getCurrentTerm(), commit, info.getLastAppliedIndex(), leaderChanges.get(), lag,
                contact);
    }

    /** The member's raft address as RaftNodes names it. */
    private String address(String id, String reported) {
        return members.peers().stream().filter(p -> p.getId().toString().equals(id)).map(p -> p.getAddress())
                .findFirst().orElse(reported);
    }
}
