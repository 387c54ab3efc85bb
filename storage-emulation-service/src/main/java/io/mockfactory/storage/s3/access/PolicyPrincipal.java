package io.mockfactory.storage.s3.access;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Principal (or NotPrincipal) element of a statement. AWS values may be "*", an account id, an IAM ARN of an
 * account (root, user, role, assumed-role session) or, a MockFactory extension, an environment's access key id.
 * An environment is one AWS account whose keys act as its root, so every IAM identity of an account names it.
 * Service and Federated principals are accepted but never match: no MockFactory request comes from them.
 */
public record PolicyPrincipal(boolean wildcard, List<String> aws, List<String> canonicalUsers, List<String> services,
                              List<String> federated) {
    static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    static final Pattern ACCESS_KEY_ID = Pattern.compile("AKIA[A-Z0-9]{16}");
    static final Pattern IAM_ARN = Pattern.compile("arn:(aws|aws-cn|aws-us-gov):(iam|sts)::(\\d{12}):(.*)", Pattern.DOTALL);

    public static final PolicyPrincipal EVERYONE = new PolicyPrincipal(true, List.of(), List.of(), List.of(), List.of());

    public PolicyPrincipal {
        aws = List.copyOf(aws);
        canonicalUsers = List.copyOf(canonicalUsers);
        services = List.copyOf(services);
        federated = List.copyOf(federated);
    }

    /** Whether it names every caller, signed or not: "*" or {"AWS": "*"}. */
    public boolean isEveryone() {
        return wildcard || aws.contains("*");
    }

    public boolean matches(Principal principal) {
        if (isEveryone()) {
            return true;
        }
        if (principal.isAnonymous()) {
            return false;
        }
        for (String value : aws) {
            if (value.equals(principal.accountId()) || value.equals(principal.accessKeyId())
                    || principal.accountId().equals(accountOf(value))) {
                return true;
            }
        }
        return canonicalUsers.contains(principal.canonicalId());
    }

    /** Whether an AWS value is one S3 accepts. */
    static boolean validAws(String value) {
        return value.equals("*") || ACCOUNT_ID.matcher(value).matches() || ACCESS_KEY_ID.matcher(value).matches()
                || IAM_ARN.matcher(value).matches();
    }

    /** The account an IAM ARN names a principal of; null for an ARN that is not a principal (a group, a bare prefix). */
    static String accountOf(String arn) {
        Matcher m = IAM_ARN.matcher(arn);
        if (!m.matches()) {
            return null;
        }
        String resource = m.group(4);
        boolean principal = "iam".equals(m.group(2))
                ? resource.equals("root") || named(resource, "user/") || named(resource, "role/")
                : named(resource, "assumed-role/");
        return principal ? m.group(3) : null;
    }

    private static boolean named(String resource, String prefix) {
        return resource.startsWith(prefix) && resource.length() > prefix.length();
    }
}
