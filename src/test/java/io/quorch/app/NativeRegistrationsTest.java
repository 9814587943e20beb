package io.quorch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.quorch.consensus.ReplicatedCommand;

/**
 * The native image keeps for reflection only what {@link NativeRegistrations} registers as it is
 * built. These run its class-path scan on the compiled classes and check it finds every type a
 * replicated command or a stored JSON document can hold (walking the sealed command type, record
 * components, generics, arrays and sealed subtypes), that every class it names exists, and that no
 * class outside the packages initialised at run time builds Ratis state in a static initialiser.
 */
class NativeRegistrationsTest {

    private static final List<Path> CLASSES = List.of(classesDir());

    @Test
    void everyTypeAReplicatedCommandCanHoldIsRegistered() {
        assertRegistered(reachable(ReplicatedCommand.class));
    }

    @Test
    void everyTypeTheStoresAndTheApiWriteAsJsonIsRegistered() {
        Set<Class<?>> json = new LinkedHashSet<>();
        for (Class<?> root : List.of(io.quorch.domain.ServerState.class, io.quorch.api.dto.ApiResponse.class,
                io.quorch.api.dto.HealthStatus.class, io.quorch.api.dto.ClusterInfo.class,
                io.quorch.api.dto.InstanceJson.Annotations.class, io.quorch.analysis.ReplicationAnalysis.class)) {
            json.addAll(reachable(root));
        }
        assertTrue(json.containsAll(List.of(io.quorch.domain.ReplicationStatus.class, io.quorch.domain.GtidState.class,
                io.quorch.domain.SemiSyncStatus.class, io.quorch.domain.BinlogCoordinates.class,
                io.quorch.domain.Flavor.class)), "the walk reaches the server state's parts: " + json);
        json.removeIf(c -> !c.isRecord() && !c.isEnum() && !c.isSealed());
        assertRegistered(json);
    }

    @Test
    void theWalkFindsTheCommandsAndWhatTheyHold() {
        Set<Class<?>> found = reachable(ReplicatedCommand.class);
        assertTrue(found.containsAll(List.of(ReplicatedCommand.class.getPermittedSubclasses())));
        assertTrue(found.contains(io.quorch.domain.InstanceKey.class), "through List<InstanceKey> too");
        assertTrue(found.contains(io.quorch.domain.AckSelector.Uid.class), "sealed component types' subtypes");
    }

    @Test
    void theScanSkipsGeneratedClassesAndFindsTypeReferences() {
        Set<String> names = NativeRegistrations.ownClassNames(CLASSES);
        assertTrue(names.contains(NativeRegistrations.class.getName()));
        assertTrue(names.stream().noneMatch(n -> n.contains("$$") || !n.startsWith("io.quorch.")), "only quorch's own");
        Set<Class<?>> own = NativeRegistrations.ownTypes(CLASSES, NativeRegistrationsTest::load);
        assertTrue(own.stream().anyMatch(c -> com.fasterxml.jackson.core.type.TypeReference.class.isAssignableFrom(c)),
                "the stores' TypeReferences keep their generic signatures");
        assertTrue(own.stream().noneMatch(c -> c == NativeRegistrations.class), "plain classes are left to Quarkus");
        assertTrue(own.stream().anyMatch(c -> c.getSimpleName().equals("AckSelectorMixin")), "Jackson mix-ins");
    }

    @Test
    void everyClassNamedForTheNativeImageExists() {
        Set<String> missing = new TreeSet<>();
        List<Path> withJctools = List.of(jarOf(
                "org.apache.ratis.thirdparty.io.netty.util.internal.shaded.org.jctools.queues.MpscUnboundedArrayQueue"));
        for (String name : concat(NativeRegistrations.LOADED_BY_NAME,
                List.copyOf(NativeRegistrations.expand(NativeRegistrations.UNSAFE_FIELDS_OF, withJctools)))) {
            if (load(name) == null) {
                missing.add(name);
            }
        }
        assertEquals(Set.of(), missing, "renamed or gone in a dependency update: fix NativeRegistrations");
    }

    @Test
    void aPackageNamedForUnsafeAccessBecomesItsTopLevelClasses() {
        Set<String> names = NativeRegistrations.expand(NativeRegistrations.UNSAFE_FIELDS_OF, List.of(jarOf(
                "org.apache.ratis.thirdparty.io.netty.util.internal.shaded.org.jctools.queues.MpscUnboundedArrayQueue")));
        String queues = "org.apache.ratis.thirdparty.io.netty.util.internal.shaded.org.jctools.queues.";
        assertTrue(names.contains(queues + "MpscUnboundedArrayQueue"), "the event loops' task queue: " + names);
        assertTrue(names.contains(queues + "BaseMpscLinkedArrayQueueProducerFields"), "its field-holding superclasses");
        assertTrue(names.contains(queues + "unpadded.MpscUnpaddedArrayQueue"), "subpackages: the buffer pool's caches");
        assertTrue(names.stream().noneMatch(n -> n.contains("$")), "not nested classes (those come with their class)");
        assertTrue(names.containsAll(NativeRegistrations.UNSAFE_FIELDS_OF.stream().filter(n -> !n.endsWith(".")).toList()));
    }

    @Test
    void theExceptionsRatisSerialisesAreFoundWithWhatTheyHold() {
        Set<String> names = NativeRegistrations.expand(NativeRegistrations.SERIALISED_EXCEPTIONS_OF,
                List.of(jarOf("org.apache.ratis.protocol.exceptions.LeaderSteppingDownException")));
        for (String sent : List.of("LeaderSteppingDownException", "TransferLeadershipException", "AlreadyClosedException",
                "ReadException", "ReadIndexException")) {
            assertTrue(names.contains("org.apache.ratis.protocol.exceptions." + sent), sent + " in " + names);
        }
        assertTrue(NativeRegistrations.SERIALISED_WITH_EXCEPTIONS.contains(StackTraceElement[].class),
                "a state machine's refusal carries only its stack trace");
        for (Class<?> c : NativeRegistrations.SERIALISED_WITH_EXCEPTIONS) {
            assertTrue(java.io.Serializable.class.isAssignableFrom(c), c + " is serialisable");
        }
    }

    @Test
    void theServiceFilesOfRatisAndItsGrpcAreKeptWithTheirProviders() {
        Map<String, List<String>> services = NativeRegistrations.services(List.of(
                jarOf("org.apache.ratis.thirdparty.io.grpc.LoadBalancerProvider"),
                jarOf("org.apache.ratis.metrics.impl.MetricRegistriesImpl"), classesDir()));
        assertTrue(services.getOrDefault("META-INF/services/org.apache.ratis.thirdparty.io.grpc.LoadBalancerProvider",
                List.of()).contains("org.apache.ratis.thirdparty.io.grpc.internal.PickFirstLoadBalancerProvider"),
                "gRPC's default load balancer: " + services);
        assertTrue(services.containsKey("META-INF/services/org.apache.ratis.metrics.MetricRegistries"), services.toString());
        assertTrue(services.keySet().stream().noneMatch(k -> k.contains("blockhound")), "only Ratis' own interfaces");
        for (List<String> providers : services.values()) {
            for (String provider : providers) {
                assertTrue(load(provider) != null, provider);
            }
        }
    }

    @Test
    void onlyRunTimeInitialisedPackagesTouchRatisInStaticState() {
        Set<String> offenders = new TreeSet<>();
        for (String name : NativeRegistrations.ownClassNames(CLASSES)) {
            if (NativeRegistrations.RUN_TIME_PACKAGES.stream().anyMatch(p -> name.startsWith(p + "."))) {
                continue;
            }
            Class<?> c = load(name);
            List<Class<?>> touched = new java.util.ArrayList<>();
            if (c.getSuperclass() != null) {
                touched.add(c.getSuperclass());
            }
            touched.addAll(List.of(c.getInterfaces()));
            for (var f : c.getDeclaredFields()) {
                if (java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                    touched.add(f.getType());
                }
            }
            if (touched.stream().anyMatch(t -> t.getName().startsWith("org.apache.ratis."))) {
                offenders.add(name);
            }
        }
        assertEquals(Set.of(), offenders, "a class initialised when the image is built would start Ratis' static "
                + "state there: keep Ratis in consensus.ratis");
    }

    private static void assertRegistered(Set<Class<?>> needed) {
        Set<Class<?>> registered = NativeRegistrations.ownTypes(CLASSES, NativeRegistrationsTest::load);
        Set<String> missing = new TreeSet<>();
        for (Class<?> c : needed) {
            if (!registered.contains(c)) {
                missing.add(c.getName());
            }
        }
        assertEquals(Set.of(), missing, "NativeRegistrations' scan does not register these");
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, NativeRegistrationsTest.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Path jarOf(String className) {
        try {
            return Path.of(load(className).getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path classesDir() {
        try {
            return Path.of(NativeRegistrations.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
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
