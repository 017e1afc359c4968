/**
 * The DICOM network: an association acceptor over TCP that runs each connection through the
 * PS3.8 Upper Layer state machine ({@code io.pacslite.dimse.ul}), negotiates with
 * {@code io.pacslite.dimse.association} and answers DIMSE commands
 * ({@code io.pacslite.dimse.message}) through {@link io.pacslite.dimse.net.DimseServices}.
 * Start one with {@link io.pacslite.dimse.net.DimseServer#start}; see {@code docs/dimse-network.md}.
 *
 * <p>The requestor side runs on the same machine and messages: an
 * {@link io.pacslite.dimse.net.Association} sends C-ECHO and C-STORE requests, and
 * {@link io.pacslite.dimse.net.StoreScu} sends many instances; see {@code docs/dimse-scu.md}.
 */
package io.pacslite.dimse.net;
