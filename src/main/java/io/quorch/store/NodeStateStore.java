package io.quorch.store;

import java.util.Optional;

/** Small named values of this node; names starting with "replicated." are written by replicated commands. */
public interface NodeStateStore {

    void put(String name, String value);

    Optional<String> get(String name);
}
