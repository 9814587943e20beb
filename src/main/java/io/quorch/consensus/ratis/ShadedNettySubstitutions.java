package io.quorch.consensus.ratis;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyException;
import java.security.PrivateKey;
import java.security.Provider;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;

import org.apache.ratis.thirdparty.io.grpc.netty.GrpcSslContexts;
import org.apache.ratis.thirdparty.io.netty.buffer.ByteBuf;
import org.apache.ratis.thirdparty.io.netty.buffer.ByteBufAllocator;
import org.apache.ratis.thirdparty.io.netty.channel.ChannelHandlerContext;
import org.apache.ratis.thirdparty.io.netty.handler.ssl.ApplicationProtocolConfig;
import org.apache.ratis.thirdparty.io.netty.handler.ssl.JdkAlpnApplicationProtocolNegotiator;
import org.apache.ratis.thirdparty.io.netty.handler.ssl.JdkApplicationProtocolNegotiator;
import org.apache.ratis.thirdparty.io.netty.handler.ssl.SslContextBuilder;
import org.apache.ratis.thirdparty.io.netty.handler.ssl.SslHandler;
import org.apache.ratis.thirdparty.io.netty.handler.ssl.SslProvider;
import org.apache.ratis.thirdparty.io.netty.util.internal.logging.InternalLoggerFactory;
import org.apache.ratis.thirdparty.io.netty.util.internal.logging.JdkLoggerFactory;

import com.oracle.svm.core.annotate.Alias;
import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;

/**
 * Native image only: the code paths of Ratis' shaded Netty and gRPC that name libraries absent from
 * quorch's class path. A native build links every reachable method when it is built, so these paths
 * fail the build although they never run. Quarkus substitutes the same paths of the unshaded
 * io.netty; nothing does for Ratis' renamed copy, so these do, each replacing only the method that
 * names the absent library; and the one method where Ratis names OpenSSL outright, whose library
 * the image does not carry. The JVM never loads this file's classes.
 */
final class ShadedNettySubstitutions {

    private ShadedNettySubstitutions() {
    }
}

/** Netty probes for SLF4J, Log4j 2 and Log4j, and the probe links Log4j (absent): JUL, which Quarkus' log manager receives. */
@TargetClass(className = "org.apache.ratis.thirdparty.io.netty.util.internal.logging.InternalLoggerFactory")
final class Target_ShadedInternalLoggerFactory {

    @Substitute
    private static InternalLoggerFactory newDefaultFactory(String name) {
        return JdkLoggerFactory.INSTANCE;
    }
}

/**
 * The JDK's TLS context picks its protocol negotiator here, and the NPN choice links Jetty's NPN
 * agent (absent): ALPN, which gRPC uses for HTTP/2, and none are kept; NPN is refused as Netty
 * refuses an unsupported protocol.
 */
@TargetClass(className = "org.apache.ratis.thirdparty.io.netty.handler.ssl.JdkSslContext")
final class Target_ShadedJdkSslContext {

    @Substitute
    static JdkApplicationProtocolNegotiator toNegotiator(ApplicationProtocolConfig config, boolean isServer) {
        if (config == null || config.protocol() == ApplicationProtocolConfig.Protocol.NONE) {
            return (JdkApplicationProtocolNegotiator) (Object) Target_ShadedJdkDefaultApplicationProtocolNegotiator.INSTANCE;
        }
        if (config.protocol() != ApplicationProtocolConfig.Protocol.ALPN) {
            throw new UnsupportedOperationException("JDK provider does not support " + config.protocol() + " protocol");
        }
        if (isServer) {
            return switch (config.selectorFailureBehavior()) {
                case FATAL_ALERT -> new JdkAlpnApplicationProtocolNegotiator(true, config.supportedProtocols());
                case NO_ADVERTISE -> new JdkAlpnApplicationProtocolNegotiator(false, config.supportedProtocols());
                default -> throw new UnsupportedOperationException("JDK provider does not support "
                        + config.selectorFailureBehavior() + " failure behavior");
            };
        }
        return switch (config.selectedListenerFailureBehavior()) {
            case ACCEPT -> new JdkAlpnApplicationProtocolNegotiator(false, config.supportedProtocols());
            case FATAL_ALERT -> new JdkAlpnApplicationProtocolNegotiator(true, config.supportedProtocols());
            default -> throw new UnsupportedOperationException("JDK provider does not support "
                    + config.selectedListenerFailureBehavior() + " failure behavior");
        };
    }
}

@TargetClass(className = "org.apache.ratis.thirdparty.io.netty.handler.ssl.JdkDefaultApplicationProtocolNegotiator")
final class Target_ShadedJdkDefaultApplicationProtocolNegotiator {

    @Alias
    public static Target_ShadedJdkDefaultApplicationProtocolNegotiator INSTANCE;
}

/** ALPN through the JDK's own SSLEngine: Conscrypt and Jetty's ALPN agent, the other two choices, are absent. */
@TargetClass(className = "org.apache.ratis.thirdparty.io.netty.handler.ssl.JdkAlpnApplicationProtocolNegotiator$AlpnWrapper")
final class Target_ShadedJdkAlpnWrapper {

    @Substitute
    public SSLEngine wrapSslEngine(SSLEngine engine, ByteBufAllocator alloc, JdkApplicationProtocolNegotiator negotiator,
            boolean isServer) {
        return (SSLEngine) (Object) new Target_ShadedJdkAlpnSslEngine(engine, negotiator, isServer);
    }
}

@TargetClass(className = "org.apache.ratis.thirdparty.io.netty.handler.ssl.JdkAlpnSslEngine")
final class Target_ShadedJdkAlpnSslEngine {

    @Alias
    Target_ShadedJdkAlpnSslEngine(SSLEngine engine, JdkApplicationProtocolNegotiator negotiator, boolean isServer) {
    }
}

/** The CONSCRYPT engine type, which only a Conscrypt engine (never made, see above) selects, links Conscrypt. */
@TargetClass(className = "org.apache.ratis.thirdparty.io.netty.handler.ssl.SslHandler$SslEngineType$2")
final class Target_ShadedConscryptEngineType {

    @Substitute
    SSLEngineResult unwrap(SslHandler handler, ByteBuf in, int len, ByteBuf out) {
        throw new UnsupportedOperationException("Conscrypt is not supported");
    }

    @Substitute
    ByteBuf allocateWrapBuffer(SslHandler handler, ByteBufAllocator allocator, int pendingBytes, int numComponents) {
        throw new UnsupportedOperationException("Conscrypt is not supported");
    }

    @Substitute
    int calculateRequiredOutBufSpace(SslHandler handler, int pendingBytes, int numComponents) {
        throw new UnsupportedOperationException("Conscrypt is not supported");
    }
}

/**
 * Netty reads PEM keys with Bouncy Castle when it is there; it is absent (and a class that names it
 * cannot even be looked at), so the key files go straight to Netty's own reader, as on the JVM.
 */
@TargetClass(className = "org.apache.ratis.thirdparty.io.netty.handler.ssl.SslContext")
final class Target_ShadedSslContext {

    @Substitute
    static PrivateKey toPrivateKey(File keyFile, String keyPassword, boolean tryBouncyCastle)
            throws GeneralSecurityException, IOException {
        return keyFile == null ? null
                : getPrivateKeyFromByteBuffer(Target_ShadedPemReader.readPrivateKey(keyFile), keyPassword);
    }

    @Substitute
    protected static PrivateKey toPrivateKey(InputStream keyInputStream, String keyPassword)
            throws GeneralSecurityException, IOException {
        return keyInputStream == null ? null
                : getPrivateKeyFromByteBuffer(Target_ShadedPemReader.readPrivateKey(keyInputStream), keyPassword);
    }

    @Alias
    private static native PrivateKey getPrivateKeyFromByteBuffer(ByteBuf encodedKeyBuf, String keyPassword)
            throws GeneralSecurityException, IOException;
}

@TargetClass(className = "org.apache.ratis.thirdparty.io.netty.handler.ssl.PemReader")
final class Target_ShadedPemReader {

    @Alias
    static native ByteBuf readPrivateKey(File file) throws KeyException;

    @Alias
    static native ByteBuf readPrivateKey(InputStream in) throws KeyException;
}

/** gRPC's HTTP CONNECT proxy uses Netty's proxy handler, which Ratis does not ship: raft members talk directly. */
@TargetClass(className = "org.apache.ratis.thirdparty.io.grpc.netty.ProtocolNegotiators$ProxyProtocolNegotiationHandler")
final class Target_ShadedProxyNegotiationHandler {

    @Substitute
    protected void protocolNegotiationEventTriggered(ChannelHandlerContext ctx) {
        throw new UnsupportedOperationException("raft members cannot be reached through an HTTP proxy");
    }

    @Substitute
    protected void userEventTriggered0(ChannelHandlerContext ctx, Object evt) {
        throw new UnsupportedOperationException("raft members cannot be reached through an HTTP proxy");
    }
}

/**
 * Ratis builds its server's TLS context with OpenSSL named outright (netty-tcnative), whose JNI
 * library a native image does not carry: the raft server would not start under RaftTLS*. The JDK's
 * own TLS instead, with ALPN, as gRPC's clients already choose when OpenSSL is absent (its
 * default). The certificates, the mutual authentication and the trust manager quorch hands Ratis
 * are unchanged; only the engine differs.
 */
@TargetClass(className = "org.apache.ratis.thirdparty.io.grpc.netty.GrpcSslContexts")
final class Target_ShadedGrpcSslContexts {

    @Alias
    private static native Provider findJdkProvider();

    @Substitute
    public static SslContextBuilder configure(SslContextBuilder builder, SslProvider provider) {
        Provider jdk = findJdkProvider();
        if (jdk == null) {
            throw new IllegalArgumentException("no JDK security provider offers TLS with ALPN, which raft over TLS needs");
        }
        return GrpcSslContexts.configure(builder, jdk);
    }
}
