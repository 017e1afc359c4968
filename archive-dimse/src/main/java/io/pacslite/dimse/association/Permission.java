package io.pacslite.dimse.association;

import io.pacslite.archive.access.Role;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dimse.service.QueryRetrieveModel;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a calling AE title, or a user it names (PS3.7 Annex D.3.3.7), may ask of the archive,
 * service by service. It decides which presentation contexts are accepted (PS3.8 section
 * 9.3.3.2): docs/security.md.
 */
public enum Permission {
    /** C-ECHO, the Verification SOP Class (PS3.4 Annex A). */
    ECHO,
    /** C-STORE as SCU: the Storage SOP Classes (PS3.4 Annex B). */
    STORE,
    /** C-FIND: the Query/Retrieve FIND SOP Classes (PS3.4 C.4.1). */
    QUERY,
    /**
     * C-GET and C-MOVE: the Query/Retrieve GET and MOVE SOP Classes (PS3.4 C.4.2, C.4.3), and
     * the Storage SOP Classes with the requestor as SCP, for C-GET's sub-operations.
     */
    RETRIEVE;

    /** How settings spell it: {@code store}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The permission {@code label} names.
     *
     * @throws IllegalArgumentException if it names none
     */
    public static Permission of(String label) {
        for (Permission permission : values()) {
            if (permission.label().equals(label)) {
                return permission;
            }
        }
        throw new IllegalArgumentException("no DIMSE permission '" + label + "': echo, store, query or retrieve");
    }

    /**
     * What a user of {@code role} may do over DIMSE, as over HTTP: a viewer echoes, queries
     * and retrieves, an uploader also stores, an admin does everything.
     */
    public static Set<Permission> of(Role role) {
        return role.includes(Role.UPLOADER) ? EnumSet.allOf(Permission.class) : EnumSet.of(ECHO, QUERY, RETRIEVE);
    }

    /**
     * The permission needed to use {@code sopClassUid} as SCU: Verification needs {@link #ECHO},
     * a Query/Retrieve FIND class {@link #QUERY}, a GET or MOVE class {@link #RETRIEVE}, and any
     * other, since C-STORE is the only other service the archive provides, {@link #STORE}.
     */
    static Permission forScu(String sopClassUid) {
        if (UID.Verification.equals(sopClassUid)) {
            return ECHO;
        }
        return QueryRetrieveModel.of(sopClassUid)
                .map(model -> model.find().equals(sopClassUid) ? QUERY : RETRIEVE).orElse(STORE);
    }
}
