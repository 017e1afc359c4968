package io.pacslite.dimse.net;

import io.pacslite.dimse.message.DimseMessage;

/** A command received on an association, and the presentation context it came on. */
record ReceivedCommand(int contextId, DimseMessage message) {
}
