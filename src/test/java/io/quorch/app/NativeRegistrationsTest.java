package io.quorch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quorch.consensus.ReplicatedCommand;

/**
 * The command codec reads and writes every replicated command, and every quorch type inside one,
 * by reflection: a native build loses any of them not listed in {@link NativeRegistrations}. This
 * walks the sealed command type, its records, their components (through generics, arrays and
 * sealed subtypes) and fails naming whatever is missing.
 */
class NativeRegistrationsTest {

    @Test
    void everyTypeAReplicatedCommandCanHoldIsRegistered() {
        Set<Class<?>> registered = Set.of(NativeRegistrations.class.getAnnotation(RegisterForReflection.class)
                .targets());
        Set<String> missing = new TreeSet<>();
        for (Class<?> c : reachable(ReplicatedCommand.class)) {
            if (!registered.contains(c)) {
                missing.add(c.getName());
            }
        }
        assertEquals(Set.of(), missing, "add these to NativeRegistrations' targets");
    }

    @Test
    void theWalkFindsTheCommandsAndWhatTheyHold() {
        Set<Class<?>> found = reachable(ReplicatedCommand.class);
        assertTrue(found.containsAll(List.of(ReplicatedCommand.class.getPermittedSubclasses())));
        assertTrue(found.contains(io.quorch.domain.InstanceKey.class), "through List<InstanceKey> too");
        assertTrue(found.contains(io.quorch.domain.AckSelector.Uid.class), "sealed component types' subtypes");
    }

    /** quorch's own types reachable from root: sealed subtypes, record components, type arguments. */
    static Set<Class<?>> reachable(Class<?> root) {
        Set<Class<?>> seen = new LinkedHashSet<>();
        Deque<Type> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            Type t = todo.pop();
            if (t instanceof ParameterizedType p) {
                todo.push(p.getRawType());
                todo.addAll(Arrays.asList(p.getActualTypeArguments()));
            } else if (t instanceof GenericArrayType a) {
                todo.push(a.getGenericComponentType());
            } else if (t instanceof WildcardType w) {
                todo.addAll(Arrays.asList(w.getUpperBounds()));
            } else if (t instanceof Class<?> c) {
                if (c.isArray()) {
                    todo.push(c.getComponentType());
                } else if (c.getName().startsWith("io.quorch.") && seen.add(c)) {
                    if (c.isSealed()) {
                        todo.addAll(Arrays.asList(c.getPermittedSubclasses()));
                    }
                    if (c.isRecord()) {
                        for (RecordComponent rc : c.getRecordComponents()) {
                            todo.add(rc.getGenericType());
                        }
                    }
                }
            }
        }
        return seen;
    }
}
