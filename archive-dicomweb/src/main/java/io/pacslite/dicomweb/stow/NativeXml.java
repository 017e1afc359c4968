package io.pacslite.dicomweb.stow;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Sequence;
import io.pacslite.dicom.data.Tags;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.ElementDictionary;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Writes a data set of text, integer and sequence values as the Native DICOM Model (PS3.19
 * A.1), for a client that asks for {@code application/dicom+xml}. Enough for the STOW-RS
 * response; binary and person-name values are not needed there.
 */
final class NativeXml {

    private NativeXml() {
    }

    static void write(Attributes dataset, OutputStream out) throws IOException {
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
            if (dataset.valueAt(i) instanceof Sequence items) {
                for (int item = 0; item < items.size(); item++) {
                    xml.write("<Item number=\"" + (item + 1) + "\">");
                    writeAttributes(items.get(item), xml);
                    xml.write("</Item>");
                }
            } else {
                String[] values = dataset.getStrings(tag);
                for (int v = 0; v < values.length; v++) {
                    xml.write("<Value number=\"" + (v + 1) + "\">" + escape(values[v]) + "</Value>");
                }
            }
            xml.write("</DicomAttribute>\n");
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
