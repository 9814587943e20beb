package io.quorch.domain;

/** Messages for failures, as people read them: the root cause, never a stack dump. */
public final class Errors {

    private Errors() {
    }

    /** The innermost cause's message, or its type when it has none. */
    public static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
