/**
 * Association acceptance: which A-ASSOCIATE-RQ this archive accepts and how it answers each
 * proposed presentation context (PS3.8 section 9.3.3 and 9.3.4, PS3.7 Annex D.3.3).
 *
 * <p>{@link io.pacslite.dimse.association.AcceptancePolicy} says what is acceptable;
 * {@link io.pacslite.dimse.association.Negotiation#negotiate} turns a request into an
 * A-ASSOCIATE-AC or -RJ. Both are pure: no sockets, no state. The PDUs themselves are in
 * {@code io.pacslite.dimse.pdu}.
 */
package io.pacslite.dimse.association;
