package io.pacslite.archive.access;

/**
 * Who made a request, once authenticated, and the role it acts in. Every way of
 * authenticating yields one (an API token, the open loopback interface, a signed viewer link;
 * later an identity provider's token), so authorization and the audit trail need not know
 * which it was.
 *
 * @param name how logs and the audit trail name the caller: {@code token ci-upload},
 *     {@code loopback}; never a secret
 * @param role what it may do
 * @param study the one study the caller may see (a {@link ViewerLinks signed viewer link}), or
 *     null for a caller its role alone limits
 */
public record Principal(String name, Role role, String study) {

    /** A caller its role alone limits. */
    public Principal(String name, Role role) {
        this(name, role, null);
    }
}
