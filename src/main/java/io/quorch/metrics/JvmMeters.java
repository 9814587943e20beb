package io.quorch.metrics;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.quarkus.micrometer.runtime.binder.JVMInfoBinder;
import io.quarkus.runtime.ImageMode;
import io.vertx.ext.web.Router;

/**
 * The process' own meters ({@code jvm_*}, {@code process_*}, {@code system_*}): the same binders
 * Quarkus registers when its {@code quarkus.micrometer.binder.jvm} and {@code .system} are on (they
 * are off), bound at the first request for {@value #PATH} instead of at startup. Binding them reads
 * the JVM's management beans and the control groups, which cost every start time and memory that a
 * node nobody scrapes never gets back. The GC meters count from that first scrape; a counter that
 * starts later is still a counter to Prometheus.
 */
@ApplicationScoped
public class JvmMeters {

    private static final Logger LOG = Logger.getLogger(JvmMeters.class);
    /** quarkus.micrometer.export.prometheus.path. */
    static final String PATH = "/q/metrics";
    /** After the management routes' access check, before Quarkus' own handler. */
    static final int ROUTE_ORDER = -150;

    private final MeterRegistry registry;
    private final List<AutoCloseable> closeable = new ArrayList<>();
    private volatile boolean bound;

    public JvmMeters() {
        this(Metrics.globalRegistry);
    }

    JvmMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void register(@Observes Router router) {
        router.route(PATH).order(ROUTE_ORDER).handler(ctx -> {
            bind();
            ctx.next();
        });
    }

    /** Binds every meter once; later calls do nothing. */
    void bind() {
        if (bound) {
            return;
        }
        synchronized (this) {
            if (bound) {
                return;
            }
            for (MeterBinder binder : binders()) {
                try {
                    binder.bindTo(registry);
                } catch (RuntimeException | LinkageError e) {
                    // a binder the runtime cannot serve costs only its own meters, never the scrape
                    LOG.debugf("process meters of %s not bound: %s", binder.getClass().getSimpleName(), e);
                }
                if (binder instanceof AutoCloseable c) {
                    closeable.add(c);
                }
            }
            bound = true;
        }
    }

    /** What Quarkus binds, in its order, with its GC pause meters only on the JVM as Quarkus has them. */
    private static List<MeterBinder> binders() {
        List<MeterBinder> binders = new ArrayList<>(List.of(new ClassLoaderMetrics(), new JvmHeapPressureMetrics(),
                new JvmMemoryMetrics(), new JvmThreadMetrics(), new JVMInfoBinder()));
        if (ImageMode.current() == ImageMode.JVM) {
            binders.add(new JvmGcMetrics());
        }
        binders.addAll(List.of(new UptimeMetrics(), new ProcessorMetrics(), new FileDescriptorMetrics()));
        return binders;
    }

    boolean bound() {
        return bound;
    }

    @PreDestroy
    synchronized void close() {
        for (AutoCloseable c : closeable) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debugf("closing process meters: %s", e);
            }
        }
        closeable.clear();
    }
}
