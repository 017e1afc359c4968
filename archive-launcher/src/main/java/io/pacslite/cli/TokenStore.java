package io.pacslite.cli;

import io.pacslite.archive.access.ApiToken;
import io.pacslite.archive.access.ApiTokens;
import io.pacslite.archive.access.Role;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/** Where {@code pacslite token} finds the tokens: the archive it opened, or the server that holds it. */
interface TokenStore {

    /**
     * Creates a token; see {@link ApiTokens#create}.
     *
     * @throws IllegalArgumentException for a name that is not valid or taken
     */
    ApiTokens.Created create(String name, Role role, Instant expires) throws IOException, InterruptedException;

    /** Every token, by name. */
    List<ApiToken> list() throws IOException, InterruptedException;

    /** Revokes a token; false if there is none of that name that is not revoked already. */
    boolean revoke(String name) throws IOException, InterruptedException;

    /** The tokens of an archive this process opened. */
    static TokenStore of(ApiTokens tokens) {
        return new TokenStore() {
            @Override
            public ApiTokens.Created create(String name, Role role, Instant expires) {
                return tokens.create(name, role, expires);
            }

            @Override
            public List<ApiToken> list() {
                return tokens.list();
            }

            @Override
            public boolean revoke(String name) {
                return tokens.revoke(name);
            }
        };
    }
}
