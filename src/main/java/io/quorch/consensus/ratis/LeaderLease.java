package io.quorch.consensus.ratis;

import java.util.ArrayList;
import java.util.List;

import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;

/**
 * Lease arithmetic: leadership counts only while a majority of the group still hears this node,
 * so an isolated leader stops acting before anyone else leads. All spans derive from the shortest
 * election timeout.
 */
final class LeaderLease {

    private final RaftServer server;
    private final RatisMembers members;
    /** The longest election timeout: a follower elects a new leader at the latest after this much silence. */
    private final long electionTimeoutMaxMillis;
    /**
     * How recently a majority must have answered this leader for it to act: below the shortest
     * election timeout, so its followers cannot have elected another leader meanwhile, and two
     * nodes never both answer leader-check 200.
     */
    private final long leaseMillis;

    LeaderLease(RaftServer server, RatisMembers members, long electionTimeoutMinMillis) {
        this.server = server;
        this.members = members;
        this.electionTimeoutMaxMillis = 2 * electionTimeoutMinMillis;
        this.leaseMillis = electionTimeoutMinMillis * 9 / 10;
    }

    long electionTimeoutMaxMillis() {
        return electionTimeoutMaxMillis;
    }

    /** Leader, ready, and a majority (counting itself) heard within the lease. */
    boolean leadsWithMajority() {
        DivisionInfo info = RatisGroup.info(server);
        if (!info.isLeader() || !info.isLeaderReady()) {
            return false;
        }
        return 1 + freshFollowers(info, leaseMillis).size() >= members.majority();
    }

    /** A leader with its majority, or a follower that heard its leader within the longest election timeout. */
    boolean healthy() {
        DivisionInfo info = RatisGroup.info(server);
        if (info.isLeader()) {
            return leadsWithMajority();
        }
        return info.isFollower() && info.getLeaderId() != null
                && info.getRoleInfoProto().getFollowerInfo().getLeaderInfo().getLastRpcElapsedTimeMs()
                        <= electionTimeoutMaxMillis;
    }

    /** On a leader: itself and the followers heard within the longest election timeout; elsewhere none. */
    List<String> healthyMembers() {
        DivisionInfo info = RatisGroup.info(server);
        if (!info.isLeader()) {
            return List.of();
        }
        List<String> healthy = new ArrayList<>();
        healthy.add(members.self().getAddress());
        healthy.addAll(recentFollowers());
        return healthy;
    }

    /** Addresses of the followers heard within the longest election timeout. */
    List<String> recentFollowers() {
        return freshFollowers(RatisGroup.info(server), electionTimeoutMaxMillis);
    }

    private static List<String> freshFollowers(DivisionInfo info, long withinMillis) {
        RoleInfoProto role = info.getRoleInfoProto();
        List<String> fresh = new ArrayList<>();
        if (!role.hasLeaderInfo()) {
            return fresh;
        }
        for (ServerRpcProto f : role.getLeaderInfo().getFollowerInfoList()) {
            if (f.getLastRpcElapsedTimeMs() <= withinMillis) {
                fresh.add(f.getId().getAddress());
            }
        }
        return fresh;
    }
}
