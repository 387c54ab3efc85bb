package io.mockfactory.gateway.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which client a request comes from, when the gateway may sit behind reverse proxies (nginx in the compose
 * deployment). {@code X-Forwarded-For} is believed only as far as it was written by proxies listed in
 * {@value #PROPERTY}: anyone else can write anything there, so a client that reaches the gateway directly is known by
 * its socket address, whatever it sends. Empty (the default) trusts nobody.
 * <p>
 * {@code @Context} so that a bad entry stops the gateway at startup instead of failing its first request.
 */
@Context
public class TrustedProxies {
    public static final String PROPERTY = "mockfactory.gateway.trusted-proxies";
    public static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final Logger LOG = LoggerFactory.getLogger(TrustedProxies.class);

    private final List<AddressBlock> trusted;

    /** @param configured IPv4/IPv6 addresses and CIDR blocks; each value may itself be comma-separated */
    @Inject
    public TrustedProxies(@Property(name = PROPERTY) @Nullable List<String> configured) {
        this.trusted = parse(configured == null ? List.of() : configured);
        if (!trusted.isEmpty()) {
            LOG.info("Believing {} from {}", FORWARDED_FOR, trusted);
        }
    }

    static TrustedProxies of(String commaSeparated) {
        return new TrustedProxies(List.of(commaSeparated));
    }

    private static List<AddressBlock> parse(List<String> configured) {
        List<AddressBlock> blocks = new ArrayList<>();
        for (String value : configured) {
            for (String entry : value.split(",")) {
                String trimmed = entry.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                try {
                    blocks.add(AddressBlock.parse(trimmed));
                } catch (IllegalArgumentException bad) {
                    throw new ConfigurationException(PROPERTY + " (MOCKFACTORY_GATEWAY_TRUSTED_PROXIES): entry '"
                            + trimmed + "' is not an IP address or CIDR block: " + bad.getMessage());
                }
            }
        }
        return List.copyOf(blocks);
    }

    public boolean isTrusted(InetAddress address) {
        for (AddressBlock block : trusted) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The client behind {@code peer}. Each trusted proxy appends the address it was connected from, so the list is
     * read from the right: the first entry not itself a trusted proxy is the client (anything left of it is whatever
     * that client chose to send). If every entry is trusted, the leftmost is the client. An entry that is not an IP
     * literal ends the walk at the last address known good, since nothing left of it can be attributed.
     *
     * @param forwardedFor the values of every {@code X-Forwarded-For} header, in order
     */
    public InetAddress clientOf(InetAddress peer, List<String> forwardedFor) {
        if (!isTrusted(peer) || forwardedFor.isEmpty()) {
            return peer;
        }
        List<String> hops = hops(forwardedFor);
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = IpLiteral.parse(hops.get(i));
            if (hop.isEmpty()) {
                break;
            }
            client = hop.get();
            if (!isTrusted(client)) {
                break;
            }
        }
        return client;
    }

    /** Several headers are one list (RFC 9110 §5.3); blank entries name no hop and are dropped. */
    private static List<String> hops(List<String> headerValues) {
        List<String> hops = new ArrayList<>();
        for (String value : headerValues) {
            for (String hop : value.split(",")) {
                String trimmed = hop.strip();
                if (!trimmed.isEmpty()) {
                    hops.add(trimmed);
                }
            }
        }
        return hops;
    }
}
