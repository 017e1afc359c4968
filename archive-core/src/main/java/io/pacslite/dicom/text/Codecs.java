package io.pacslite.dicom.text;

import java.lang.System.Logger.Level;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves the values of Specific Character Set (0008,0005) to a codec (PS3.3 C.12.1.1.2),
 * forgiving the faults found in real files the way pydicom does: misspelt terms are corrected,
 * unknown ones fall back to the default repertoire with a warning, and terms that forbid code
 * extensions (PS3.5 6.1.2.5.4 d) make the others ignored, or are ignored when not value 1.
 */
final class Codecs {

    private static final System.Logger LOG = System.getLogger(SpecificCharacterSet.class.getName());

    private Codecs() {
    }

    static TextCodec forTerms(List<String> values) {
        if (values.isEmpty()) {
            return forDefinedTerms(List.of(DefinedTerm.ISO_IR_6), false);
        }
        List<DefinedTerm> terms = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value.isEmpty()) {
                // An empty value 1 means the default repertoire; an empty later value means nothing.
                if (i == 0) {
                    terms.add(DefinedTerm.ISO_IR_6);
                }
                continue;
            }
            Optional<DefinedTerm> term = DefinedTerm.lookup(value);
            if (term.isPresent()) {
                if (!value.equals(term.get().term())) {
                    LOG.log(Level.WARNING, "Specific Character Set {0} is misspelt, assuming {1}", value,
                            term.get().term());
                }
                terms.add(term.get());
            } else if (i == 0 && jdkCharset(value).isPresent()) {
                LOG.log(Level.WARNING, "Specific Character Set {0} is not a Defined Term, using the charset"
                        + " of that name", value);
                return new CharsetCodec(jdkCharset(value).get());
            } else {
                LOG.log(Level.WARNING, "unknown Specific Character Set {0}, using the default repertoire", value);
                if (i == 0) {
                    terms.add(DefinedTerm.ISO_IR_6);
                }
            }
        }
        return forDefinedTerms(terms, values.size() > 1);
    }

    private static TextCodec forDefinedTerms(List<DefinedTerm> terms, boolean multiValued) {
        DefinedTerm first = terms.get(0);
        if (first.isStandalone()) {
            if (terms.size() > 1) {
                LOG.log(Level.WARNING, "{0} does not allow code extensions, ignoring {1}", first.term(),
                        terms.subList(1, terms.size()));
            }
            return new CharsetCodec(first.charset());
        }
        Set<CodedCharacterSet> sets = new LinkedHashSet<>();
        sets.add(first.initialG0());
        if (first.initialG1() != null) {
            sets.add(first.initialG1());
        }
        boolean codeExtensions = multiValued || first.charset() == null;
        if (codeExtensions) {
            for (DefinedTerm term : terms) {
                if (term.isStandalone()) {
                    // It has no sets to add, so it is ignored.
                    LOG.log(Level.WARNING, "{0} cannot be a code extension, ignoring it", term.term());
                }
                sets.addAll(term.sets());
            }
        }
        return new Iso2022Codec(first.initialG0(), first.initialG1(), List.copyOf(sets), codeExtensions,
                codeExtensions ? null : first.charset());
    }

    private static Optional<Charset> jdkCharset(String name) {
        try {
            return Charset.isSupported(name) ? Optional.of(Charset.forName(name)) : Optional.empty();
        } catch (IllegalCharsetNameException e) {
            return Optional.empty();
        }
    }
}
