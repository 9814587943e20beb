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
import io.quorch.domain.RecoveryMilestone;
import io.quorch.domain.RecoveryStep;
import io.quorch.domain.Text;

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
    private final List<Postponed> postponed = Collections.synchronizedList(new ArrayList<>());
    private volatile InstanceKey successor;
    private volatile boolean promotionAttempted;

    RecoveryContext(long id, String uid, CommandBus commands) {
        this(id, uid, commands, 0);
    }

    /** Continues after the steps already written (a recovery resumed by another leader). */
    RecoveryContext(long id, String uid, CommandBus commands, int lastSeq) {
        this.id = id;
        this.uid = uid;
        this.commands = commands;
        this.seq.set(lastSeq);
    }

    public long id() {
        return id;
    }

    public String uid() {
        return uid;
    }

    /** Characters of one step at most (the column holds 256 KiB; a UTF-8 character takes up to 4 bytes). */
    static final int STEP_CHARS = 32 * 1024;

    public void step(String message) {
        // a step may carry a hook's or a server's words: made storable here, so no output can get a
        // step refused and with it the recovery stopped
        String text = Text.lines(message, STEP_CHARS);
        LOG.infof("recovery %d: %s", id, text);
        commands.submit(new ReplicatedCommand.WriteRecoveryStep(
                new RecoveryStep(uid, seq.incrementAndGet(), Instant.now(), text)));
    }

    /** A step the next leader reads back if this recovery is abandoned half way (see {@link RecoveryMilestone}). */
    public void milestone(RecoveryMilestone.Kind kind, InstanceKey key, String text) {
        if (kind == RecoveryMilestone.Kind.PROMOTING) {
            promotionAttempted = true;
        }
        step(new RecoveryMilestone(kind, key).message(text));
    }

    /** Whether a promotion was begun (it may have failed half way). */
    public boolean promotionAttempted() {
        return promotionAttempted;
    }

    /** Writes a step; a failure to write it is logged, not thrown (for what follows the outcome, such as hooks). */
    public void note(String message) {
        try {
            step(message);
        } catch (RuntimeException e) {
            LOG.warnf("recovery %d: cannot record \"%s\": %s", id, message, e.getMessage());
        }
    }

    /** Collects the error for the outcome and writes it as a step; never throws, so it is safe while failing. */
    public void error(String message) {
        errors.add(message);
        note("error: " + message);
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

    /** Work left for after the post-failover hooks (PostponeReplicaRecoveryOnLagMinutes), as orchestrator's postponed functions. */
    public record Postponed(String description, Runnable work) {
    }

    public void postpone(String description, Runnable work) {
        postponed.add(new Postponed(description, work));
    }

    public List<Postponed> postponed() {
        synchronized (postponed) {
            return List.copyOf(postponed);
        }
    }
}
