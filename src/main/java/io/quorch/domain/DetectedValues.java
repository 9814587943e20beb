package io.quorch.domain;

/**
 * What the operator's optional per-server queries answered, each already checked: a server's
 * answers are hostile input, and one that is not of the expected kind is dropped, not stored.
 *
 * @param replicationLagSeconds ReplicationLagQuery's lag in seconds; null when not asked or unusable
 * @param instanceAlias         DetectInstanceAliasQuery's alias; "" when none
 * @param promotionRule         DetectPromotionRuleQuery's rule; null when none
 * @param semiSyncEnforced      DetectSemiSyncEnforcedQuery's 0 or 1; null when none
 * @param reportHost            the name the server declares (@@report_host or @@hostname, as
 *                              MySQLHostnameResolveMethod says), a valid host name; "" when not
 *                              asked or not set
 */
public record DetectedValues(Long replicationLagSeconds, String instanceAlias, PromotionRule promotionRule,
        Boolean semiSyncEnforced, String reportHost) {

    public static final DetectedValues NONE = new DetectedValues(null, "", null, null, "");

    public DetectedValues {
        instanceAlias = instanceAlias == null ? "" : instanceAlias;
        reportHost = reportHost == null ? "" : reportHost;
    }

    public DetectedValues(Long replicationLagSeconds, String instanceAlias, PromotionRule promotionRule,
            Boolean semiSyncEnforced) {
        this(replicationLagSeconds, instanceAlias, promotionRule, semiSyncEnforced, "");
    }
}
