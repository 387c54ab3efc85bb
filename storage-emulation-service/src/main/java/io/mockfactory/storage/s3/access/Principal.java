package io.mockfactory.storage.s3.access;

import java.util.Objects;

/**
 * Who makes a request: anonymous, or an environment (an AWS account) signing with one of its access keys. Build one
 * with {@link #of} from the authenticated environment and key; {@link #ANONYMOUS} for unsigned requests.
 */
public record Principal(String environmentId, String accessKeyId, String accountId, String canonicalId) {
    public static final Principal ANONYMOUS = new Principal(null, null, null, null);

    public static Principal of(String environmentId, String accessKeyId) {
        Objects.requireNonNull(environmentId, "environmentId");
        return new Principal(environmentId, accessKeyId, Identities.accountId(environmentId), Identities.canonicalId(environmentId));
    }

    public boolean isAnonymous() {
        return environmentId == null;
    }

    /** Whether this principal acts for the environment (account) with this id. */
    public boolean isEnvironment(String otherEnvironmentId) {
        return environmentId != null && environmentId.equals(otherEnvironmentId);
    }

    /** The account root's ARN, what aws:PrincipalArn holds for a request signed with the account's own keys. */
    public String arn() {
        return isAnonymous() ? null : "arn:aws:iam::" + accountId + ":root";
    }
}
