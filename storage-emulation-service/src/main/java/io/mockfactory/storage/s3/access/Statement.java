package io.mockfactory.storage.s3.access;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One statement of a bucket policy, as validated: its effect, whom it is for (Principal or NotPrincipal), the actions
 * and resources it covers (each possibly negated) and its conditions, all of which must hold.
 */
public record Statement(String sid, Effect effect, PolicyPrincipal principal, boolean notPrincipal, List<String> actions,
                        boolean notAction, List<String> resources, boolean notResource, List<Condition> conditions) {
    /** The part of an S3 ARN before the bucket: the partition does not matter to S3, which has one per partition. */
    static final Pattern S3_ARN_PREFIX = Pattern.compile("arn:(aws|aws-cn|aws-us-gov):s3:::");

    public enum Effect { ALLOW, DENY }

    public Statement {
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
        conditions = List.copyOf(conditions);
    }

    /**
     * @param action   an IAM action ("s3:GetObject")
     * @param resource the resource without its ARN prefix: "bucket" or "bucket/key"
     */
    public boolean appliesTo(Principal caller, String action, String resource, RequestContext context) {
        return principal.matches(caller) != notPrincipal && coversAction(action) && coversResource(resource)
                && conditions.stream().allMatch(condition -> condition.holds(context));
    }

    boolean coversAction(String action) {
        String name = action.toLowerCase(Locale.ROOT);
        boolean listed = actions.stream().anyMatch(pattern -> Glob.compile(pattern).matches(name, true));
        return listed != notAction;
    }

    boolean coversResource(String resource) {
        boolean listed = resources.stream().anyMatch(arn -> Glob.compile(withoutPrefix(arn)).matches(resource));
        return listed != notResource;
    }

    static String withoutPrefix(String arn) {
        return S3_ARN_PREFIX.matcher(arn).replaceFirst("");
    }
}
