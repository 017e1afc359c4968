package io.pacslite.dimse.net;

import io.pacslite.dimse.message.Status;

/**
 * The DIMSE services the archive provides as SCP, called on the association's own virtual
 * thread. Only C-ECHO so far; any other request aborts the association (see
 * {@code docs/dimse-network.md}).
 */
public interface DimseServices {

    /**
     * Answers a C-ECHO-RQ, PS3.7 section 9.1.5: the status of the C-ECHO-RSP. An exception
     * is answered with Processing failure (0110H).
     */
    Status echo(AssociationInfo association);

    /** Services that answer every C-ECHO with Success. */
    static DimseServices verificationOnly() {
        return association -> Status.SUCCESS;
    }
}
