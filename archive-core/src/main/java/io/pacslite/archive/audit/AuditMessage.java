package io.pacslite.archive.audit;

import io.pacslite.archive.audit.AuditEvent.Action;
import io.pacslite.dicom.dict.UID;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * An {@link AuditEvent} as a DICOM Audit Message (PS3.15 A.5.1, the schema derived from RFC
 * 3881), for an ATNA audit record repository (IHE ITI-20) by {@link SyslogSender}.
 *
 * <p>Which message each action is (PS3.15 A.5.3, the event IDs of PS3.16 CID 400 and the event
 * types of CID 401, scheme DCM):
 *
 * <table>
 *   <caption>Actions as audit messages</caption>
 *   <tr><th>action</th><th>EventID</th><th>EventActionCode</th></tr>
 *   <tr><td>STORE, REPORT</td><td>110104 DICOM Instances Transferred</td><td>C</td></tr>
 *   <tr><td>IMPORT</td><td>110107 Import</td><td>C</td></tr>
 *   <tr><td>RETRIEVE</td><td>110104 DICOM Instances Transferred</td><td>R</td></tr>
 *   <tr><td>VIEW</td><td>110103 DICOM Instances Accessed</td><td>R</td></tr>
 *   <tr><td>CORRECT</td><td>110103 DICOM Instances Accessed</td><td>U</td></tr>
 *   <tr><td>QUERY</td><td>110112 Query</td><td>E</td></tr>
 *   <tr><td>DELETE</td><td>110105 DICOM Study Deleted</td><td>D</td></tr>
 *   <tr><td>EXPORT</td><td>110106 Export (PS3.15 A.5.3.5, Data Export)</td><td>R</td></tr>
 *   <tr><td>TOKEN_CREATE, TOKEN_REVOKE, LINK_CREATE</td><td>110113 Security Alert, type 110137 User Security
 *       Attributes Changed</td><td>E</td></tr>
 *   <tr><td>REFUSED</td><td>110113 Security Alert, type 110132 Use of Restricted Function</td><td>E</td></tr>
 *   <tr><td>LOST</td><td>110113 Security Alert, type 110133 Audit Recording Stopped</td><td>E</td></tr>
 *   <tr><td>AUDIT_READ</td><td>110101 Audit Log Used</td><td>R</td></tr>
 *   <tr><td>ANONYMIZE</td><td>110106 Export (a de-identified copy leaves the study's identity)</td><td>R</td></tr>
 * </table>
 *
 * <p>The requestor is the active participant with UserIsRequestor true (role 110153 Source Role
 * ID when it sent instances, 110152 Destination Role ID when it received them), the archive the
 * other one; the study, when known, the participant object (type 2 system object, role 3
 * report, ID type 110180 Study Instance UID). A query's ParticipantObjectQuery holds the names of
 * its keys only, base64-encoded, never their values (where PS3.15 A.5.3.10 has the whole query):
 * they may be PHI, and the trail keeps none.
 */
public final class AuditMessage {

    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private AuditMessage() {
    }

    /** A coded value of the DCM scheme. */
    private record Code(String code, String meaning) {
    }

    /** What an action is as a message. */
    private record Kind(Code eventId, String actionCode, Code eventType) {
    }

    private static final Code TRANSFERRED = new Code("110104", "DICOM Instances Transferred");
    private static final Code SECURITY_ALERT = new Code("110113", "Security Alert");
    private static final Code EXPORT = new Code("110106", "Export");
    private static final Code ACCESSED = new Code("110103", "DICOM Instances Accessed");

    private static Kind kind(Action action) {
        return switch (action) {
            case STORE, REPORT -> new Kind(TRANSFERRED, "C", null);
            case IMPORT -> new Kind(new Code("110107", "Import"), "C", null);
            case RETRIEVE -> new Kind(TRANSFERRED, "R", null);
            case VIEW -> new Kind(ACCESSED, "R", null);
            case CORRECT -> new Kind(ACCESSED, "U", null);
            case QUERY -> new Kind(new Code("110112", "Query"), "E", null);
            case DELETE -> new Kind(new Code("110105", "DICOM Study Deleted"), "D", null);
            case EXPORT, ANONYMIZE -> new Kind(EXPORT, "R", null);
            case TOKEN_CREATE, TOKEN_REVOKE, LINK_CREATE -> new Kind(SECURITY_ALERT, "E",
                    new Code("110137", "User Security Attributes Changed"));
            case REFUSED -> new Kind(SECURITY_ALERT, "E", new Code("110132", "Use of Restricted Function"));
            case LOST -> new Kind(SECURITY_ALERT, "E", new Code("110133", "Audit Recording Stopped"));
            case AUDIT_READ -> new Kind(new Code("110101", "Audit Log Used"), "R", null);
        };
    }

    /**
     * The EventOutcomeIndicator (PS3.15 A.5.1): 0 success, 4 minor failure (a refusal, an
     * HTTP 4xx, a DIMSE failure, some instances failed), 8 serious failure (an HTTP 5xx).
     */
    static int outcomeIndicator(AuditEvent event) {
        String outcome = event.outcome() == null ? "" : event.outcome();
        if (event.action() == Action.REFUSED || event.action() == Action.LOST) {
            return 4;
        }
        if (outcome.startsWith("5")) {
            return 8;
        }
        boolean success = outcome.startsWith("2") || outcome.startsWith("0000") || outcome.startsWith("B");
        return success ? 0 : 4;
    }

    /**
     * The message for {@code event}, as XML.
     *
     * @param sourceId the AuditSourceID: which archive sends it (its AE title by default)
     */
    public static String xml(AuditEvent event, String sourceId) {
        StringWriter text = new StringWriter(1024);
        try {
            XMLStreamWriter xml = XML.createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("AuditMessage");
            Kind kind = kind(event.action());
            xml.writeStartElement("EventIdentification");
            xml.writeAttribute("EventActionCode", kind.actionCode());
            xml.writeAttribute("EventDateTime", DateTimeFormatter.ISO_INSTANT.format(event.at()));
            xml.writeAttribute("EventOutcomeIndicator", Integer.toString(outcomeIndicator(event)));
            code(xml, "EventID", kind.eventId());
            if (kind.eventType() != null) {
                code(xml, "EventTypeCode", kind.eventType());
            }
            if (event.outcome() != null) {
                xml.writeStartElement("EventOutcomeDescription");
                xml.writeCharacters(event.outcome());
                xml.writeEndElement();
            }
            xml.writeEndElement();
            boolean requestorSent = event.action() == Action.STORE || event.action() == Action.REPORT
                    || event.action() == Action.IMPORT;
            participant(xml, event.who() == null ? "unknown" : event.who(), true, event.address(),
                    requestorSent ? SOURCE : DESTINATION);
            participant(xml, sourceId, false, null, requestorSent ? DESTINATION : SOURCE);
            xml.writeStartElement("AuditSourceIdentification");
            xml.writeAttribute("AuditSourceID", sourceId);
            xml.writeEmptyElement("AuditSourceTypeCode");
            xml.writeAttribute("csd-code", "4");
            xml.writeAttribute("codeSystemName", "DCM");
            xml.writeAttribute("originalText", "Application Server Process Tier");
            xml.writeEndElement();
            if (event.studyUid() != null) {
                study(xml, event.studyUid());
            }
            if (event.action() == Action.QUERY) {
                query(xml, event);
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write an audit message", e);
        }
        return text.toString();
    }

    private static final Code SOURCE = new Code("110153", "Source Role ID");
    private static final Code DESTINATION = new Code("110152", "Destination Role ID");

    private static void participant(XMLStreamWriter xml, String userId, boolean requestor, String address, Code role)
            throws XMLStreamException {
        xml.writeStartElement("ActiveParticipant");
        xml.writeAttribute("UserID", userId);
        xml.writeAttribute("UserIsRequestor", Boolean.toString(requestor));
        if (address != null) {
            xml.writeAttribute("NetworkAccessPointID", address);
            // PS3.15 A.5.1: 1 machine name, 2 IP address; a DIMSE address is AE@host, a machine's name.
            xml.writeAttribute("NetworkAccessPointTypeCode", address.contains("@") ? "1" : "2");
        }
        code(xml, "RoleIDCode", role);
        xml.writeEndElement();
    }

    private static void study(XMLStreamWriter xml, String studyUid) throws XMLStreamException {
        xml.writeStartElement("ParticipantObjectIdentification");
        xml.writeAttribute("ParticipantObjectID", studyUid);
        xml.writeAttribute("ParticipantObjectTypeCode", "2");
        xml.writeAttribute("ParticipantObjectTypeCodeRole", "3");
        code(xml, "ParticipantObjectIDTypeCode", new Code("110180", "Study Instance UID"));
        xml.writeEndElement();
    }

    /**
     * The query (PS3.15 A.5.3.10): the information model is named by the Study Root FIND SOP
     * Class, which QIDO-RS's searches also follow; the query by its key names.
     */
    private static void query(XMLStreamWriter xml, AuditEvent event) throws XMLStreamException {
        xml.writeStartElement("ParticipantObjectIdentification");
        xml.writeAttribute("ParticipantObjectID", UID.StudyRootQueryRetrieveInformationModelFind);
        xml.writeAttribute("ParticipantObjectTypeCode", "2");
        xml.writeAttribute("ParticipantObjectTypeCodeRole", "3");
        code(xml, "ParticipantObjectIDTypeCode", new Code("110181", "SOP Class UID"));
        xml.writeStartElement("ParticipantObjectQuery");
        xml.writeCharacters(Base64.getEncoder().encodeToString(
                String.join(",", event.queryKeys()).getBytes(StandardCharsets.UTF_8)));
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private static void code(XMLStreamWriter xml, String element, Code code) throws XMLStreamException {
        xml.writeEmptyElement(element);
        xml.writeAttribute("csd-code", code.code());
        xml.writeAttribute("codeSystemName", "DCM");
        xml.writeAttribute("originalText", code.meaning());
    }
}
