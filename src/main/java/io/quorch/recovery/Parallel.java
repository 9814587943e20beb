package io.quorch.recovery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** Runs one action per item on virtual threads and waits for all; failures are handed back per item. */
final class Parallel {

    private Parallel() {
    }

    /** The failure of each item that failed, in item order. */
    static <T> List<ItemFailure<T>> forEach(List<T> items, Consumer<T> action) {
        List<ItemFailure<T>> failures = new ArrayList<>();
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(ex.submit(() -> action.accept(item)));
            }
            for (int i = 0; i < items.size(); i++) {
                try {
                    futures.get(i).get();
                } catch (ExecutionException e) {
                    failures.add(new ItemFailure<>(items.get(i), e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failures.add(new ItemFailure<>(items.get(i), e));
                }
            }
        }
        return failures;
    }

    record ItemFailure<T>(T item, Throwable failure) {
        String message() {
            return failure.getMessage() == null ? failure.toString() : failure.getMessage();
        }
    }
}
