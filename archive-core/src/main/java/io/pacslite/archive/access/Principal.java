package io.pacslite.archive.access;

/**
 * Who made a request, once authenticated, and the role it acts in. Every way of
 * authenticating yields one (an API token, the open loopback interface; later an identity
 * provider's token or a signed viewer link), so authorization and the audit trail need not
 * know which it was.
 *
 * @param name how logs and the audit trail name the caller: {@code token ci-upload},
 *     {@code loopback}; never a secret
 * @param role what it may do
 */
public record Principal(String name, Role role) {
}
