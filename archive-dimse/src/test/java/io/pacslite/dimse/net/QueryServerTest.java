package io.pacslite.dimse.net;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** A test class of the Q/R services: it asks the shared archives of {@link QueryServer}. */
@ExtendWith(QueryServer.class)
abstract class QueryServerTest {

    /** The archive holding {@code QueryStudies}. */
    static ArchiveServer server;
    /** The empty archive its AE table names {@value QueryServer.MoveDestination#AE_TITLE}. */
    static ArchiveServer destination;

    @BeforeAll
    static void share(ArchiveServer shared, QueryServer.MoveDestination moveDestination) {
        server = shared;
        destination = moveDestination.server();
    }
}
