package io.quorch.consensus.ratis;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

import io.quorch.config.RaftConfig;

/** The Ratis server's and client's properties, all derived from quorch's raft configuration. */
final class RatisProperties {

    /** How long a command may take to commit before the caller hears it was not. */
    static final long REQUEST_TIMEOUT_MILLIS = 5000;

    private RatisProperties() {
    }

    static RaftProperties of(RaftConfig config, RatisMembers members, Path dir) {
        long min = config.electionTimeoutMillis();
        RaftProperties p = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(p, List.of(dir.toFile()));
        GrpcConfigKeys.Server.setHost(p, members.bindHost());
        GrpcConfigKeys.Server.setPort(p, members.bindPort());
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, millis(min));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, millis(2 * min));
        // at startup there is no leader to wait for; pre-vote keeps an early try from disturbing a running group
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(p, millis(min / 5));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(p, millis(min / 2));
        RaftServerConfigKeys.Rpc.setRequestTimeout(p, millis(Math.max(3000, 4 * min)));
        RaftServerConfigKeys.LeaderElection.setPreVote(p, true);
        RaftServerConfigKeys.LeaderElection.setLeaderStepDownWaitTime(p, millis(2 * min));
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, config.snapshotThreshold());
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 3);
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        RaftServerConfigKeys.Log.setPurgeGap(p, Math.max(1, Math.min(1024, config.snapshotThreshold() / 2)));
        long segment = config.logSegmentSizeKib() * 1024L;
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(segment));
        RaftServerConfigKeys.Log.setPreallocatedSize(p, SizeInBytes.valueOf(Math.min(segment, 1024L * 1024)));

        RaftClientConfigKeys.Rpc.setRequestTimeout(p, millis(REQUEST_TIMEOUT_MILLIS));
        return p;
    }

    private static TimeDuration millis(long millis) {
        return TimeDuration.valueOf(millis, TimeUnit.MILLISECONDS);
    }
}
