package io.quorch.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.graalvm.nativeimage.hosted.Feature;
import org.graalvm.nativeimage.hosted.RuntimeClassInitialization;
import org.graalvm.nativeimage.hosted.RuntimeReflection;
import org.graalvm.nativeimage.hosted.RuntimeResourceAccess;
import org.graalvm.nativeimage.hosted.RuntimeSerialization;

import com.fasterxml.jackson.core.type.TypeReference;

/**
 * What a native build must know beyond what Quarkus finds by itself, worked out from the types as
 * the image is built (a GraalVM feature, named in application.properties) rather than listed:
 * <ul>
 * <li>every record, enum and sealed type of quorch's own packages, every {@link TypeReference} and
 * Jackson mix-in, for reflection: Jackson reads and writes them (the replicated commands
 * through the command codec, the server state and recovery JSON the stores keep, API details that
 * travel as Object), and the codec walks the sealed command type's permitted subclasses;</li>
 * <li>the classes libraries load by name ({@link #LOADED_BY_NAME}), the fields they read through
 * Unsafe ({@link #UNSAFE_FIELDS_OF}), and the service providers Ratis and its shaded gRPC find with
 * ServiceLoader (Quarkus turns GraalVM's own service-loader support off and keeps only the services
 * its extensions declare): every META-INF/services file named after one of their interfaces
 * ({@link #SERVICES_OF}) is kept, with its providers' constructors;</li>
 * <li>the exceptions Ratis sends through Java serialization ({@link #SERIALISED_EXCEPTIONS_OF});</li>
 * <li>the packages initialised when the image runs ({@link #RUN_TIME_PACKAGES}).</li>
 * </ul>
 * The substitutions Ratis' shaded Netty needs are in consensus.ratis (ShadedNettySubstitutions).
 * The JVM never loads this class.
 */
public final class NativeRegistrations implements Feature {

    static final String OWN_PACKAGE = "io/quorch/";
    static final String SERVICES = "META-INF/services/";

    /**
     * Classes libraries build by name, kept with their constructors and methods. Ratis 3.2 looks up
     * a package name plus a class name (JavaUtils/ReflectionUtils) for its RPC factory, server,
     * storage, log appender, transaction context, data stream stubs and metrics; gRPC's channel
     * factory takes the NIO channels' constructors (epoll's native library is not in the image).
     * Agroal builds its pool and its drivers by name (quorch makes its own pools, so Quarkus' Agroal
     * extension, which registers these for configured datasources, registers nothing), and
     * Connector/J its server-configuration cache (cacheServerConfiguration) and its cache of
     * parsed statements (cachePrepStmts, which the probe batch uses).
     */
    static final List<String> LOADED_BY_NAME = List.of(
            "org.apache.ratis.grpc.GrpcFactory",
            "org.apache.ratis.server.impl.ServerImplUtils",
            "org.apache.ratis.server.impl.RaftServerProxy",
            "org.apache.ratis.server.storage.StorageImplUtils",
            "org.apache.ratis.server.leader.LogAppenderDefault",
            "org.apache.ratis.server.DisabledDataStreamServerFactory",
            "org.apache.ratis.client.DisabledDataStreamClientFactory",
            "org.apache.ratis.statemachine.impl.TransactionContextImpl",
            "org.apache.ratis.metrics.impl.MetricRegistriesImpl",
            "org.apache.ratis.thirdparty.io.netty.channel.socket.nio.NioSocketChannel",
            "org.apache.ratis.thirdparty.io.netty.channel.socket.nio.NioServerSocketChannel",
            // Netty's leak detector is told which of these classes' methods to leave out of its records
            // (ResourceLeakDetector.addExclusions, in their static initialisers): it reads their declared
            // methods and throws when it cannot find them, which stops Netty's buffer allocator
            "org.apache.ratis.thirdparty.io.netty.buffer.AbstractByteBufAllocator",
            "org.apache.ratis.thirdparty.io.netty.buffer.AdvancedLeakAwareByteBuf",
            "org.apache.ratis.thirdparty.io.netty.util.ReferenceCountUtil",
            "io.agroal.pool.DataSource",
            "io.agroal.pool.ConnectionHandler",
            "[Lio.agroal.pool.ConnectionHandler;",
            "[Ljava.sql.Statement;",
            "[Ljava.sql.ResultSet;",
            "org.sqlite.JDBC",
            "com.mysql.cj.jdbc.Driver",
            "com.mysql.cj.util.PerVmServerConfigCacheFactory",
            "com.mysql.cj.PerConnectionLRUFactory");

    /**
     * Classes that take the offsets of their fields through Unsafe in a static initialiser and fail
     * when a field is not registered: their fields and their nested classes' are registered. A name
     * ending with '.' is a package: every class in it and in its subpackages. Shaded Guava's
     * Striped64 (behind its LongAdder, in the cache and hash packages) throws an Error; the JCTools
     * queues shaded in Ratis' Netty (the event loops' task queues, the buffer pool's caches in
     * queues.unpadded, and the rest) throw from UnsafeAccess.fieldOffset, and the whole raft server
     * with them.
     */
    static final List<String> UNSAFE_FIELDS_OF = List.of(
            "org.apache.ratis.thirdparty.com.google.common.cache.Striped64",
            "org.apache.ratis.thirdparty.com.google.common.hash.Striped64",
            "org.apache.ratis.thirdparty.io.netty.util.internal.shaded.org.jctools.");

    /**
     * Exceptions a Ratis server sends its clients through Java serialization (Ratis'
     * ProtoUtils.writeObject2ByteString): the whole exception when a leader steps down, a leadership
     * transfer fails, the server is closed or a read fails; only the stack trace
     * (StackTraceElement[]) when the state machine refuses a request (quorch's refusal of a foreign
     * raft client). A native image serialises only registered classes, and a reply it cannot
     * serialise is never sent: the client waits out its deadline. A name ending with '.' is a
     * package, as in {@link #UNSAFE_FIELDS_OF}; with them, the JDK types every serialised Throwable
     * holds ({@link #SERIALISED_WITH_EXCEPTIONS}).
     */
    static final List<String> SERIALISED_EXCEPTIONS_OF = List.of("org.apache.ratis.protocol.exceptions.");

    /**
     * What a serialised Throwable's fields hold besides its own class and its causes': its message
     * and a stack frame's names are Strings, which the image serialises only when registered too.
     */
    static final List<Class<?>> SERIALISED_WITH_EXCEPTIONS = List.of(String.class, Throwable.class, Exception.class,
            RuntimeException.class, IOException.class, StackTraceElement.class, StackTraceElement[].class,
            java.util.ArrayList.class, java.util.Collections.emptyList().getClass(),
            java.util.Collections.unmodifiableList(new ArrayList<>()).getClass());

    /**
     * Initialised when the image runs, not when it is built: all of Ratis and what it shades (Netty,
     * gRPC, Guava, protobuf), and quorch's consensus.ratis, whose classes extend Ratis' or hold its
     * types in static fields. quorch starts Ratis only at run time, and those static initialisers
     * make what an image heap cannot hold: direct buffers (Netty's pooled allocator and epoll,
     * SegmentedRaftLogFormat, SegmentedRaftLogOutputStream, DataStreamPacketByteBuffer), Randoms
     * (gRPC's RetriableStream, Guava's Striped64), native library state (netty-tcnative, epoll).
     * Two prefixes instead of mirroring class by class the list Netty and Quarkus keep for the
     * unshaded io.netty: nothing a later Ratis adds can slip into the heap, and single-node quorch
     * never runs any of it.
     */
    static final List<String> RUN_TIME_PACKAGES = List.of("org.apache.ratis", "io.quorch.consensus.ratis");

    /** Service files (META-INF/services/NAME) kept with their providers when NAME starts with one of these. */
    static final List<String> SERVICES_OF = List.of("org.apache.ratis.");

    @Override
    public String getDescription() {
        return "quorch's reflection and run-time initialisation";
    }

    @Override
    public void afterRegistration(AfterRegistrationAccess access) {
        RuntimeClassInitialization.initializeAtRunTime(RUN_TIME_PACKAGES.toArray(String[]::new));
    }

    @Override
    public void beforeAnalysis(BeforeAnalysisAccess access) {
        Set<Class<?>> own = ownTypes(access.getApplicationClassPath(), access::findClassByName);
        if (!own.contains(find(access, "io.quorch.consensus.ReplicatedCommand"))) {
            throw new IllegalStateException("quorch's classes were not found on the image class path "
                    + access.getApplicationClassPath() + ": NativeRegistrations cannot register them");
        }
        for (Class<?> c : own) {
            registerWhole(c);
        }
        for (String name : LOADED_BY_NAME) {
            registerWhole(find(access, name));
        }
        for (String name : expand(UNSAFE_FIELDS_OF, access.getApplicationClassPath())) {
            Class<?> c = find(access, name);
            List<Class<?>> withNested = new ArrayList<>(List.of(c));
            withNested.addAll(List.of(c.getDeclaredClasses()));
            for (Class<?> k : withNested) {
                for (Field f : k.getDeclaredFields()) {
                    RuntimeReflection.register(f);
                    access.registerAsUnsafeAccessed(f);
                }
            }
        }
        for (String name : expand(SERIALISED_EXCEPTIONS_OF, access.getApplicationClassPath())) {
            Class<?> c = find(access, name);
            if (Throwable.class.isAssignableFrom(c)) {
                RuntimeSerialization.register(c);
            }
        }
        RuntimeSerialization.register(SERIALISED_WITH_EXCEPTIONS.toArray(Class<?>[]::new));
        Module unnamed = access.getApplicationClassLoader().getUnnamedModule();
        for (Map.Entry<String, List<String>> service : services(access.getApplicationClassPath()).entrySet()) {
            RuntimeResourceAccess.addResource(unnamed, service.getKey());
            for (String provider : service.getValue()) {
                Class<?> c = find(access, provider);
                RuntimeReflection.register(c);
                RuntimeReflection.register(c.getDeclaredConstructors());
            }
        }
        // gRPC and Netty ask the JDK's SSLEngine for ALPN by reflection before choosing it (raft TLS),
        // and gRPC's clock looks up Instant.now() by reflection
        for (Class<?> c : List.of(javax.net.ssl.SSLEngine.class, javax.net.ssl.SSLParameters.class,
                java.time.Instant.class)) {
            RuntimeReflection.register(c);
            RuntimeReflection.register(c.getMethods());
        }
    }

    private static Class<?> find(FeatureAccess access, String name) {
        Class<?> c = access.findClassByName(name);
        if (c == null) {
            try {
                c = Class.forName(name, false, access.getApplicationClassLoader());
            } catch (ClassNotFoundException e) {
                c = null;
            }
        }
        if (c == null) {
            throw new IllegalStateException(name + " is not on the class path: update NativeRegistrations");
        }
        return c;
    }

    private static void registerWhole(Class<?> c) {
        RuntimeReflection.register(c);
        RuntimeReflection.register(c.getDeclaredConstructors());
        RuntimeReflection.register(c.getDeclaredMethods());
        RuntimeReflection.register(c.getDeclaredFields());
        if (c.isRecord()) {
            RuntimeReflection.registerAllRecordComponents(c);
        }
        if (c.isSealed()) {
            RuntimeReflection.registerAllPermittedSubclasses(c);
        }
    }

    /**
     * The records, enums, sealed types, TypeReferences and Jackson-annotated classes (mix-ins) among
     * quorch's classes on the class path.
     */
    static Set<Class<?>> ownTypes(List<Path> classPath, Function<String, Class<?>> load) {
        Set<Class<?>> found = new LinkedHashSet<>();
        for (String name : ownClassNames(classPath)) {
            Class<?> c = load.apply(name);
            if (c != null && (c.isRecord() || c.isEnum() || c.isSealed() || TypeReference.class.isAssignableFrom(c)
                    || Arrays.stream(c.getDeclaredAnnotations())
                            .anyMatch(a -> a.annotationType().getName().startsWith("com.fasterxml.jackson.")))) {
                found.add(c);
            }
        }
        return found;
    }

    /** The service files of {@link #SERVICES_OF} in the class path's jars and directories, with the providers they name. */
    static Map<String, List<String>> services(List<Path> classPath) {
        Map<String, List<String>> services = new TreeMap<>();
        for (Path entry : classPath) {
            if (Files.isDirectory(entry)) {
                Path dir = entry.resolve(SERVICES);
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> files = Files.list(dir)) {
                        for (Path f : (Iterable<Path>) files::iterator) {
                            addService(services, SERVICES + f.getFileName(), Files.readString(f));
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            } else if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
                try (ZipFile jar = new ZipFile(entry.toFile())) {
                    for (Enumeration<? extends ZipEntry> e = jar.entries(); e.hasMoreElements();) {
                        ZipEntry z = e.nextElement();
                        if (z.getName().startsWith(SERVICES) && !z.isDirectory()) {
                            addService(services, z.getName(),
                                    new String(jar.getInputStream(z).readAllBytes(), StandardCharsets.UTF_8));
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return services;
    }

    private static void addService(Map<String, List<String>> services, String path, String text) {
        String name = path.substring(SERVICES.length());
        if (SERVICES_OF.stream().noneMatch(name::startsWith)) {
            return;
        }
        List<String> providers = services.computeIfAbsent(path, p -> new ArrayList<>());
        for (String line : text.split("\n")) {
            String provider = line.replaceAll("#.*", "").trim();
            if (!provider.isEmpty() && !providers.contains(provider)) {
                providers.add(provider);
            }
        }
    }

    /**
     * Class names with the packages among them (ending with '.') expanded to the top-level classes
     * they and their subpackages hold on the class path (a package that holds none is an error: the
     * library moved it).
     */
    static Set<String> expand(List<String> namesAndPackages, List<Path> classPath) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : namesAndPackages) {
            if (!name.endsWith(".")) {
                names.add(name);
                continue;
            }
            Set<String> inPackage = classNames(classPath, name.replace('.', '/'));
            inPackage.removeIf(n -> n.indexOf('$', name.length()) >= 0);
            if (inPackage.isEmpty()) {
                throw new IllegalStateException("no class of " + name + " is on the class path: update NativeRegistrations");
            }
            names.addAll(inPackage);
        }
        return names;
    }

    /** The names of the classes under io/quorch/ in the class path's directories and jars (generated ones left out). */
    static Set<String> ownClassNames(List<Path> classPath) {
        return classNames(classPath, OWN_PACKAGE);
    }

    /** The names of the classes under a path prefix (a/b/) in the class path's directories and jars. */
    static Set<String> classNames(List<Path> classPath, String prefix) {
        Set<String> names = new LinkedHashSet<>();
        for (Path entry : classPath) {
            if (Files.isDirectory(entry)) {
                Path root = entry.resolve(prefix);
                if (Files.isDirectory(root)) {
                    try (Stream<Path> files = Files.walk(root)) {
                        files.map(f -> entry.relativize(f).toString().replace('\\', '/')).forEach(n -> add(names, prefix, n));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            } else if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
                try (ZipFile jar = new ZipFile(entry.toFile())) {
                    for (Enumeration<? extends ZipEntry> e = jar.entries(); e.hasMoreElements();) {
                        add(names, prefix, e.nextElement().getName());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return names;
    }

    private static void add(Set<String> names, String prefix, String path) {
        if (path.startsWith(prefix) && path.endsWith(".class") && !path.contains("$$")
                && !path.endsWith("package-info.class")) {
            names.add(path.substring(0, path.length() - ".class".length()).replace('/', '.'));
        }
    }
}
