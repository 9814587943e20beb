package io.quorch.recovery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import io.quorch.consensus.CommandBus;
import io.quorch.consensus.ReplicatedCommand;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.RecoveryStep;

/** One running recovery: every step is written (replicated) as it happens; errors and outcome collect here. */
public final class RecoveryContext {

    private static final Logger LOG = Logger.getLogger(RecoveryContext.class);

    private final long id;
    private final String uid;
    private final CommandBus commands;
    private final AtomicInteger seq = new AtomicInteger();
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private final Set<InstanceKey> participating = Collections.synchronizedSet(new LinkedHashSet<>());
    private final Set<InstanceKey> lost = Collections.synchronizedSet(new LinkedHashSet<>());
    private volatile InstanceKey successor;

    RecoveryContext(long id, String uid, CommandBus commands) {
        this.id = id;
        this.uid = uid;
        this.commands = commands;
    }

    public long id() {
        return id;
    }

    public String uid() {
        return uid;
    }

    public void step(String message) {
        LOG.infof("recovery %d: %s", id, message);
        commands.submit(new ReplicatedCommand.WriteRecoveryStep(
                new RecoveryStep(uid, seq.incrementAndGet(), Instant.now(), message)));
    }

    public void error(String message) {
        errors.add(message);
        step("error: " + message);
    }

    public void participant(InstanceKey key) {
        participating.add(key);
    }

    public void lost(InstanceKey key, String why) {
        lost.add(key);
        step("lost " + key + ": " + why);
    }

    public void successor(InstanceKey key) {
        successor = key;
        participant(key);
    }

    public InstanceKey successor() {
        return successor;
    }

    public List<String> errors() {
        return List.copyOf(errors);
    }

    public List<InstanceKey> participating() {
        synchronized (participating) {
            return List.copyOf(participating);
        }
    }

    public List<InstanceKey> lostReplicas() {
        synchronized (lost) {
            return List.copyOf(lost);
        }
    }
}
