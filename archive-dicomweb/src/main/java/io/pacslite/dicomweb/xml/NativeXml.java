package io.pacslite.dicomweb.xml;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.PersonName;
import io.pacslite.dicom.data.Sequence;
import io.pacslite.dicom.data.Tags;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.ElementDictionary;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Writes a data set as the Native DICOM Model (PS3.19 A.1), for clients that ask for
 * {@code application/dicom+xml}: the STOW-RS response and QIDO-RS matches. Text and numbers
 * are {@code Value} elements, person names {@code PersonName} with their component groups
 * and components (A.1.1), sequences {@code Item}s, binary values {@code InlineBinary} (Base64).
 */
public final class NativeXml {

    private static final String[] GROUPS = {"Alphabetic", "Ideographic", "Phonetic"};
    private static final String[] COMPONENTS = {"FamilyName", "GivenName", "MiddleName", "NamePrefix", "NameSuffix"};

    private NativeXml() {
    }

    /** Writes {@code dataset} as one XML document, UTF-8, to {@code out} (which stays open). */
    public static void write(Attributes dataset, OutputStream out) throws IOException {
        Writer xml = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        xml.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.write("<NativeDicomModel xmlns=\"http://dicom.nema.org/PS3.19/models/NativeDICOM\">\n");
        writeAttributes(dataset, xml);
        xml.write("</NativeDicomModel>\n");
        xml.flush();
    }

    private static void writeAttributes(Attributes dataset, Writer xml) throws IOException {
        for (int i = 0; i < dataset.size(); i++) {
            int tag = dataset.tagAt(i);
            VR vr = dataset.vrAt(i);
            String keyword = ElementDictionary.keywordOf(tag);
            xml.write("<DicomAttribute tag=\"" + Tags.toHex(tag) + "\" vr=\"" + vr.name() + "\""
                    + (keyword == null || keyword.isEmpty() ? "" : " keyword=\"" + keyword + "\"") + ">");
            Object value = dataset.valueAt(i);
            if (value instanceof Sequence items) {
                for (int item = 0; item < items.size(); item++) {
                    xml.write("<Item number=\"" + (item + 1) + "\">");
                    writeAttributes(items.get(item), xml);
                    xml.write("</Item>");
                }
            } else if (vr.isBulk() && value instanceof byte[] bytes && bytes.length > 0) {
                xml.write("<InlineBinary>" + Base64.getEncoder().encodeToString(bytes) + "</InlineBinary>");
            } else if (!vr.isBulk()) {
                String[] values = dataset.getStrings(tag);
                for (int v = 0; v < values.length; v++) {
                    if (vr == VR.PN && values[v].split("=", -1).length <= 3) {
                        writePersonName(v + 1, PersonName.parse(values[v]), xml);
                    } else {
                        xml.write("<Value number=\"" + (v + 1) + "\">" + escape(values[v]) + "</Value>");
                    }
                }
            }
            xml.write("</DicomAttribute>\n");
        }
    }

    /** PS3.19 A.1.1: each non-empty component group, each non-empty component in it. */
    private static void writePersonName(int number, PersonName name, Writer xml) throws IOException {
        xml.write("<PersonName number=\"" + number + "\">");
        PersonName.Group[] groups = PersonName.Group.values();
        PersonName.Component[] components = PersonName.Component.values();
        for (int g = 0; g < groups.length; g++) {
            if (name.group(groups[g]).isEmpty()) {
                continue;
            }
            xml.write("<" + GROUPS[g] + ">");
            for (int c = 0; c < components.length; c++) {
                String component = name.component(groups[g], components[c]);
                if (!component.isEmpty()) {
                    xml.write("<" + COMPONENTS[c] + ">" + escape(component) + "</" + COMPONENTS[c] + ">");
                }
            }
            xml.write("</" + GROUPS[g] + ">");
        }
        xml.write("</PersonName>");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
