package io.mockfactory.storage.s3.access;

import java.util.Objects;
import java.util.Optional;

/**
 * Who an ACL grant is for: a canonical user (an environment, or AWS's EC2 user of aws-exec-read) or one of S3's three
 * groups. Grants by e-mail address are refused when parsed (MockFactory knows no e-mail addresses), so never stored.
 */
public sealed interface Grantee {
    String XSI_CANONICAL_USER = "CanonicalUser";
    String XSI_GROUP = "Group";
    String XSI_EMAIL = "AmazonCustomerByEmail";

    /** Whether a request by this principal is covered by this grantee. */
    boolean includes(Principal principal);

    /** @param displayName null when not known (another environment's grant is stored by id only) */
    record CanonicalUser(String id, String displayName) implements Grantee {
        public CanonicalUser {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public boolean includes(Principal principal) {
            return !principal.isAnonymous() && id.equals(principal.canonicalId());
        }
    }

    enum Group implements Grantee {
        ALL_USERS("http://acs.amazonaws.com/groups/global/AllUsers"),
        AUTHENTICATED_USERS("http://acs.amazonaws.com/groups/global/AuthenticatedUsers"),
        LOG_DELIVERY("http://acs.amazonaws.com/groups/s3/LogDelivery");

        private final String uri;

        Group(String uri) {
            this.uri = uri;
        }

        public String uri() {
            return uri;
        }

        public static Optional<Group> byUri(String uri) {
            for (Group group : values()) {
                if (group.uri.equals(uri)) {
                    return Optional.of(group);
                }
            }
            return Optional.empty();
        }

        /** AllUsers and AuthenticatedUsers are what makes an ACL public. */
        public boolean isPublic() {
            return this != LOG_DELIVERY;
        }

        @Override
        public boolean includes(Principal principal) {
            return switch (this) {
                case ALL_USERS -> true;
                // Any signed request, from any environment: AWS's "any AWS account"
                case AUTHENTICATED_USERS -> !principal.isAnonymous();
                // S3's log delivery service is never a MockFactory caller
                case LOG_DELIVERY -> false;
            };
        }
    }
}
