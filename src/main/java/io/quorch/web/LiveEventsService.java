package io.quorch.web;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * The web UI's live updates: one check a second of what the UI draws ({@link LiveStateDigest}),
 * made only while someone listens, and one broadcast of its fingerprint to every listener when it
 * changed. A listener holds no backend connection and costs nothing per tick; a fingerprint is
 * also sent every {@link #KEEPALIVE} so proxies keep an idle stream open and a closed one is noticed.
 */
@ApplicationScoped
public class LiveEventsService {

    private static final Logger LOG = Logger.getLogger(LiveEventsService.class);

    static final Duration KEEPALIVE = Duration.ofSeconds(15);
    /** What listeners are told while the state cannot be read (the backend is down). */
    static final String UNREADABLE = "unreadable";

    private final LiveStateDigest digest;
    private final BroadcastProcessor<String> broadcast = BroadcastProcessor.create();
    private final AtomicInteger listeners = new AtomicInteger();
    private volatile String last = "";
    private volatile long lastSentNanos = System.nanoTime();

    public LiveEventsService(LiveStateDigest digest) {
        this.digest = digest;
    }

    /** Every fingerprint from now on, starting with the current one. */
    public Multi<String> stream() {
        return Multi.createFrom().<String>deferred(() -> Multi.createBy().concatenating()
                .streams(Multi.createFrom().item(currentOrUnreadable()), broadcast.onOverflow().dropPreviousItems()))
                .onSubscription().invoke(s -> listeners.incrementAndGet())
                .onTermination().invoke(listeners::decrementAndGet);
    }

    /** How many streams are open on this node. */
    public int listeners() {
        return listeners.get();
    }

    /** Called every second: reads and compares only while someone listens. */
    public void tick() {
        if (listeners.get() <= 0) {
            return;
        }
        String now = currentOrUnreadable();
        boolean keepalive = System.nanoTime() - lastSentNanos >= KEEPALIVE.toNanos();
        if (!now.equals(last) || keepalive) {
            last = now;
            lastSentNanos = System.nanoTime();
            broadcast.onNext(now);
        }
    }

    private String currentOrUnreadable() {
        try {
            return digest.current();
        } catch (RuntimeException e) {
            LOG.debugf("the web UI's live state cannot be read: %s", e.toString());
            return UNREADABLE;
        }
    }
}
