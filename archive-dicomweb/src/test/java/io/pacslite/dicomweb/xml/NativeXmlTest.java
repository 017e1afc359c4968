package io.pacslite.dicomweb.xml;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Sequence;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The PS3.19 writer's output, parsed back with the JDK's XML parser. */
class NativeXmlTest {

    @Test
    void writesValuesPersonNamesSequencesAndBinaryAsTheNativeModel() throws Exception {
        Attributes dataset = new Attributes();
        dataset.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        dataset.setString(Tag.StudyDescription, VR.LO, "A & B <C>");
        dataset.setString(Tag.ModalitiesInStudy, VR.CS, "CT", "MR");
        dataset.setString(Tag.PatientName, VR.PN, "Yamada^Tarou==やまだ^たろう", "Doe^Jane^^Dr");
        dataset.setInts(Tag.Rows, VR.US, 512);
        Attributes item = new Attributes();
        item.setString(Tag.CodeValue, VR.SH, "T-04000");
        Sequence sequence = new Sequence();
        sequence.add(item);
        dataset.set(Tag.AnatomicRegionSequence, VR.SQ, sequence);
        dataset.set(Tag.EncapsulatedDocument, VR.OB, new byte[] {1, 2, 3, 4});

        Document xml = parse(dataset);

        Element root = xml.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo("http://dicom.nema.org/PS3.19/models/NativeDICOM");
        assertThat(value(attribute(xml, "00081030"), 0)).isEqualTo("A & B <C>");
        Element modalities = attribute(xml, "00080061");
        assertThat(modalities.getAttribute("vr")).isEqualTo("CS");
        assertThat(modalities.getAttribute("keyword")).isEqualTo("ModalitiesInStudy");
        assertThat(value(modalities, 1)).isEqualTo("MR");
        assertThat(((Element) modalities.getElementsByTagName("Value").item(1)).getAttribute("number")).isEqualTo("2");
        Element names = attribute(xml, "00100010");
        Element first = (Element) names.getElementsByTagName("PersonName").item(0);
        assertThat(text(first, "Alphabetic", "GivenName")).isEqualTo("Tarou");
        assertThat(first.getElementsByTagName("Ideographic").getLength()).as("an empty group is left out").isZero();
        assertThat(text(first, "Phonetic", "FamilyName")).isEqualTo("やまだ");
        Element second = (Element) names.getElementsByTagName("PersonName").item(1);
        assertThat(second.getAttribute("number")).isEqualTo("2");
        assertThat(text(second, "Alphabetic", "NamePrefix")).isEqualTo("Dr");
        assertThat(second.getElementsByTagName("MiddleName").getLength()).isZero();
        assertThat(value(attribute(xml, "00280010"), 0)).isEqualTo("512");
        Element items = attribute(xml, "00082218");
        Element firstItem = (Element) items.getElementsByTagName("Item").item(0);
        assertThat(firstItem.getAttribute("number")).isEqualTo("1");
        assertThat(value((Element) firstItem.getElementsByTagName("DicomAttribute").item(0), 0)).isEqualTo("T-04000");
        assertThat(Base64.getDecoder().decode(attribute(xml, "00420011").getElementsByTagName("InlineBinary").item(0)
                .getTextContent())).containsExactly(1, 2, 3, 4);
    }

    private static Document parse(Attributes dataset) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NativeXml.write(dataset, out);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(out.toByteArray()));
    }

    private static Element attribute(Document xml, String tag) {
        var attributes = xml.getElementsByTagName("DicomAttribute");
        for (int i = 0; i < attributes.getLength(); i++) {
            Element attribute = (Element) attributes.item(i);
            if (attribute.getAttribute("tag").equals(tag)) {
                return attribute;
            }
        }
        throw new AssertionError("no attribute " + tag);
    }

    private static String value(Element attribute, int index) {
        return attribute.getElementsByTagName("Value").item(index).getTextContent();
    }

    private static String text(Element name, String group, String component) {
        Element groupElement = (Element) name.getElementsByTagName(group).item(0);
        return groupElement.getElementsByTagName(component).item(0).getTextContent();
    }
}
