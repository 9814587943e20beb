package io.quarkus.smallrye.openapi.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import io.quarkus.arc.Unremovable;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.quarkus.smallrye.openapi.runtime.filter.AutoSecurityFilter;
import io.smallrye.openapi.runtime.io.Format;

/**
 * quorch's OpenAPI description (/q/openapi) is read when it is first asked for, not at every start.
 * <p>
 * Quarkus generates the description when it builds quorch, stores it in the application, and at
 * every start reads it back, parses it into a model and writes it out again as JSON and as YAML,
 * before the HTTP server opens: more than half a second of the jar's start without the class cache,
 * for a document few callers ever fetch. This bean replaces Quarkus' own (an enabled alternative of
 * the same type): it remembers what Quarkus asks it to prepare and does exactly that work, with the
 * same class loader, at the first request for a description.
 * <p>
 * It lives in Quarkus' package because the method Quarkus calls at start is package-private; it
 * relies on that method's signature (checked when quorch compiles) and on
 * {@link OpenApiDocumentService#getDocument} being the only way to the documents. Only in the built
 * application (the jar and the native executable, where both classes share one class loader): in dev
 * and test mode Quarkus loads its own class apart, the method cannot be overridden across the two,
 * and Quarkus' bean serves as it is. RaftIT checks the built application's /q/openapi.
 */
@Alternative
@Priority(1)
@Unremovable
@IfBuildProfile("prod")
@ApplicationScoped
public class DeferredOpenApiDocumentService extends OpenApiDocumentService {

    private record Pending(AutoSecurityFilter autoSecurityFilter, Map<OpenApiFilter.RunStage, List<String>> filters,
            String documentName, ClassLoader loader) {
    }

    private final List<Pending> pending = new ArrayList<>();

    @Override
    synchronized void prepareDocument(AutoSecurityFilter autoSecurityFilter,
            Map<OpenApiFilter.RunStage, List<String>> userFilters, String documentName) {
        pending.add(new Pending(autoSecurityFilter, userFilters, documentName,
                Thread.currentThread().getContextClassLoader()));
    }

    @Override
    public byte[] getDocument(String documentName, Format format) {
        prepareNow();
        return super.getDocument(documentName, format);
    }

    private synchronized void prepareNow() {
        if (pending.isEmpty()) {
            return;
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try {
            for (Pending p : pending) {
                thread.setContextClassLoader(p.loader());
                super.prepareDocument(p.autoSecurityFilter(), p.filters(), p.documentName());
            }
            pending.clear();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
