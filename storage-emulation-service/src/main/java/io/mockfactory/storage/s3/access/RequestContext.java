package io.mockfactory.storage.s3.access;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The condition keys of one request (aws:SourceIp, s3:prefix, s3:ExistingObjectTag/&lt;key&gt;, …) and their values.
 * Keys compare case-insensitively, as IAM's do; a key may have several values (s3:RequestObjectTagKeys). Keys the
 * request does not have are simply left out: that is what "missing" means to Null, IfExists and the negated operators.
 */
public final class RequestContext {
    public static final RequestContext EMPTY = new Builder().build();

    private final Map<String, List<String>> values;

    private RequestContext(Map<String, List<String>> values) {
        this.values = values;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The key's values, empty when the request does not have it. */
    public List<String> values(String key) {
        return values.getOrDefault(key.toLowerCase(Locale.ROOT), List.of());
    }

    public static final class Builder {
        private final Map<String, List<String>> values = new HashMap<>();

        /** Adds a value (null is ignored: the key stays missing); adding to a key again gives it several values. */
        public Builder put(String key, String value) {
            if (value != null) {
                values.computeIfAbsent(key.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
            }
            return this;
        }

        public Builder put(String key, boolean value) {
            return put(key, Boolean.toString(value));
        }

        public Builder put(String key, Collection<String> several) {
            several.forEach(value -> put(key, value));
            return this;
        }

        /**
         * The keys that describe the caller: aws:PrincipalType ("Anonymous" or "Account": an environment's key acts as
         * its account root), and for a signed request aws:PrincipalAccount, aws:PrincipalArn and aws:userid.
         */
        public Builder principal(Principal principal) {
            if (principal.isAnonymous()) {
                put("aws:PrincipalType", "Anonymous");
                return put("aws:userid", "anonymous");
            }
            put("aws:PrincipalType", "Account");
            put("aws:PrincipalAccount", principal.accountId());
            put("aws:PrincipalArn", principal.arn());
            return put("aws:userid", principal.accountId());
        }

        /** aws:CurrentTime (ISO 8601) and aws:EpochTime (seconds) of the request. */
        public Builder time(Instant now) {
            put("aws:CurrentTime", DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS)));
            return put("aws:EpochTime", Long.toString(now.getEpochSecond()));
        }

        public RequestContext build() {
            Map<String, List<String>> copy = new HashMap<>();
            values.forEach((key, list) -> copy.put(key, List.copyOf(list)));
            return new RequestContext(Map.copyOf(copy));
        }
    }
}
