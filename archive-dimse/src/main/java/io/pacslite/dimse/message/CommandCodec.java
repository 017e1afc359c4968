package io.pacslite.dimse.message;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Tags;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dicom.io.DicomWriter;
import io.pacslite.dicom.io.TransferSyntax;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Encodes and decodes DIMSE command sets, PS3.7 section 9.3. A command set is always
 * Implicit VR Little Endian, whatever transfer syntax the data set uses (PS3.7 section 6.3.1),
 * and starts with Command Group Length (0000,0000), the length of the rest of the group.
 */
public final class CommandCodec {

    /** Command Data Set Type (0000,0800) when no data set follows, PS3.7 Table E.1-1. */
    static final int NO_DATA_SET = 0x0101;
    /** Written when a data set follows; a receiver accepts any value but 0101H. */
    static final int DATA_SET_PRESENT = 0x0000;

    private CommandCodec() {
    }

    /** The command set of {@code message} as bytes, PS3.7 section 6.3.1. */
    public static byte[] encode(DimseMessage message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try {
            new DicomWriter(bytes).writeDataset(toAttributes(message), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /** Reads a command set and returns the message it holds, PS3.7 section 9.3. */
    public static DimseMessage decode(byte[] commandSet) throws DimseException {
        Attributes command;
        try {
            command = new DicomReader(new ByteArrayInputStream(commandSet))
                    .readDataset(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        } catch (IOException | RuntimeException e) {
            throw new DimseException(DimseException.Reason.UNREADABLE, String.valueOf(e.getMessage()), e);
        }
        return fromAttributes(command);
    }

    /**
     * The command elements of {@code message}, including Command Group Length (its value is
     * recomputed by {@link DicomWriter} when written). Optional fields that are null are left out.
     */
    public static Attributes toAttributes(DimseMessage message) {
        Attributes command = new Attributes(false, 10);
        command.setInts(Tag.CommandGroupLength, VR.UL, 0);
        command.setInts(Tag.CommandField, VR.US, message.commandField().code());
        command.setInts(Tag.CommandDataSetType, VR.US, message.hasDataSet() ? DATA_SET_PRESENT : NO_DATA_SET);
        switch (message) {
            case CEchoRq rq -> {
                command.setInts(Tag.MessageID, VR.US, rq.messageId());
                command.setString(Tag.AffectedSOPClassUID, VR.UI, rq.affectedSopClassUid());
            }
            case CEchoRsp rsp -> {
                command.setInts(Tag.MessageIDBeingRespondedTo, VR.US, rsp.messageIdBeingRespondedTo());
                setIfPresent(command, Tag.AffectedSOPClassUID, VR.UI, rsp.affectedSopClassUid());
                command.setInts(Tag.Status, VR.US, rsp.status().code());
            }
            case CStoreRq rq -> {
                command.setInts(Tag.MessageID, VR.US, rq.messageId());
                command.setString(Tag.AffectedSOPClassUID, VR.UI, rq.affectedSopClassUid());
                command.setString(Tag.AffectedSOPInstanceUID, VR.UI, rq.affectedSopInstanceUid());
                command.setInts(Tag.Priority, VR.US, rq.priority().code());
                setIfPresent(command, Tag.MoveOriginatorApplicationEntityTitle, VR.AE, rq.moveOriginatorAeTitle());
                if (rq.moveOriginatorMessageId() != null) {
                    command.setInts(Tag.MoveOriginatorMessageID, VR.US, rq.moveOriginatorMessageId());
                }
            }
            case CStoreRsp rsp -> {
                command.setInts(Tag.MessageIDBeingRespondedTo, VR.US, rsp.messageIdBeingRespondedTo());
                setIfPresent(command, Tag.AffectedSOPClassUID, VR.UI, rsp.affectedSopClassUid());
                setIfPresent(command, Tag.AffectedSOPInstanceUID, VR.UI, rsp.affectedSopInstanceUid());
                command.setInts(Tag.Status, VR.US, rsp.status().code());
                setIfPresent(command, Tag.ErrorComment, VR.LO, rsp.errorComment());
            }
            case CFindRq rq -> request(command, rq.messageId(), rq.affectedSopClassUid(), rq.priority());
            case CGetRq rq -> request(command, rq.messageId(), rq.affectedSopClassUid(), rq.priority());
            case CMoveRq rq -> {
                request(command, rq.messageId(), rq.affectedSopClassUid(), rq.priority());
                command.setString(Tag.MoveDestination, VR.AE, rq.moveDestination());
            }
            case CFindRsp rsp -> response(command, rsp.messageIdBeingRespondedTo(), rsp.affectedSopClassUid(),
                    rsp.status(), null, rsp.errorComment());
            case CGetRsp rsp -> response(command, rsp.messageIdBeingRespondedTo(), rsp.affectedSopClassUid(),
                    rsp.status(), rsp.subOperations(), rsp.errorComment());
            case CMoveRsp rsp -> response(command, rsp.messageIdBeingRespondedTo(), rsp.affectedSopClassUid(),
                    rsp.status(), rsp.subOperations(), rsp.errorComment());
            case CCancelRq rq -> command.setInts(Tag.MessageIDBeingRespondedTo, VR.US, rq.messageIdBeingRespondedTo());
        }
        return command;
    }

    /**
     * The message held by the command elements in {@code command}, dispatched on Command
     * Field (0000,0100). Elements the message does not use are ignored, as PS3.7 section
     * 9.3 lets a receiver do with fields it does not expect.
     */
    public static DimseMessage fromAttributes(Attributes command) throws DimseException {
        int code = required(command, Tag.CommandField, "Command Field", DimseException.Reason.UNKNOWN_COMMAND_FIELD);
        CommandField field = CommandField.of(code).orElseThrow(() -> new DimseException(
                DimseException.Reason.UNKNOWN_COMMAND_FIELD, String.format("Command Field %04XH", code)));
        return switch (field) {
            case C_ECHO_RQ -> new CEchoRq(
                    requiredInt(command, Tag.MessageID),
                    requiredString(command, Tag.AffectedSOPClassUID));
            case C_ECHO_RSP -> new CEchoRsp(
                    requiredInt(command, Tag.MessageIDBeingRespondedTo),
                    command.getString(Tag.AffectedSOPClassUID),
                    new Status(requiredInt(command, Tag.Status)));
            case C_STORE_RQ -> new CStoreRq(
                    requiredInt(command, Tag.MessageID),
                    requiredString(command, Tag.AffectedSOPClassUID),
                    requiredString(command, Tag.AffectedSOPInstanceUID),
                    priority(requiredInt(command, Tag.Priority)),
                    command.getString(Tag.MoveOriginatorApplicationEntityTitle),
                    optionalInt(command, Tag.MoveOriginatorMessageID));
            case C_STORE_RSP -> new CStoreRsp(
                    requiredInt(command, Tag.MessageIDBeingRespondedTo),
                    command.getString(Tag.AffectedSOPClassUID),
                    command.getString(Tag.AffectedSOPInstanceUID),
                    new Status(requiredInt(command, Tag.Status)),
                    command.getString(Tag.ErrorComment));
            case C_FIND_RQ -> new CFindRq(
                    requiredInt(command, Tag.MessageID),
                    requiredString(command, Tag.AffectedSOPClassUID),
                    priority(requiredInt(command, Tag.Priority)));
            case C_GET_RQ -> new CGetRq(
                    requiredInt(command, Tag.MessageID),
                    requiredString(command, Tag.AffectedSOPClassUID),
                    priority(requiredInt(command, Tag.Priority)));
            case C_MOVE_RQ -> new CMoveRq(
                    requiredInt(command, Tag.MessageID),
                    requiredString(command, Tag.AffectedSOPClassUID),
                    priority(requiredInt(command, Tag.Priority)),
                    requiredString(command, Tag.MoveDestination));
            case C_FIND_RSP -> new CFindRsp(
                    requiredInt(command, Tag.MessageIDBeingRespondedTo),
                    command.getString(Tag.AffectedSOPClassUID),
                    new Status(requiredInt(command, Tag.Status)),
                    command.getString(Tag.ErrorComment),
                    dataSetFollows(command));
            case C_GET_RSP -> retrieveResponse(command, CGetRsp::new);
            case C_MOVE_RSP -> retrieveResponse(command, CMoveRsp::new);
            case C_CANCEL_RQ -> new CCancelRq(requiredInt(command, Tag.MessageIDBeingRespondedTo));
            default -> throw new DimseException(DimseException.Reason.UNSUPPORTED_COMMAND, field.name());
        };
    }

    /** Builds a C-GET-RSP or C-MOVE-RSP from its fields (both have those of PS3.7 Tables 9.3-9 and 9.3-11). */
    @FunctionalInterface
    private interface RetrieveResponse<R extends DimseMessage> {
        R of(int messageIdBeingRespondedTo, String affectedSopClassUid, Status status, SubOperations counts,
                String errorComment, boolean hasDataSet);
    }

    private static <R extends DimseMessage> R retrieveResponse(Attributes command, RetrieveResponse<R> response)
            throws DimseException {
        return response.of(
                requiredInt(command, Tag.MessageIDBeingRespondedTo),
                command.getString(Tag.AffectedSOPClassUID),
                new Status(requiredInt(command, Tag.Status)),
                subOperations(command),
                command.getString(Tag.ErrorComment),
                dataSetFollows(command));
    }

    /** The fields of a C-FIND-, C-GET- or C-MOVE-RQ, PS3.7 Tables 9.3-4, 9.3-7 and 9.3-10. */
    private static void request(Attributes command, int messageId, String sopClassUid, Priority priority) {
        command.setInts(Tag.MessageID, VR.US, messageId);
        command.setString(Tag.AffectedSOPClassUID, VR.UI, sopClassUid);
        command.setInts(Tag.Priority, VR.US, priority.code());
    }

    /** The fields of a C-FIND-, C-GET- or C-MOVE-RSP, PS3.7 Tables 9.3-5, 9.3-9 and 9.3-11. */
    private static void response(Attributes command, int messageId, String sopClassUid, Status status,
            SubOperations counts, String errorComment) {
        command.setInts(Tag.MessageIDBeingRespondedTo, VR.US, messageId);
        setIfPresent(command, Tag.AffectedSOPClassUID, VR.UI, sopClassUid);
        command.setInts(Tag.Status, VR.US, status.code());
        if (counts != null) {
            if (counts.remaining() != null) {
                command.setInts(Tag.NumberOfRemainingSuboperations, VR.US, counts.remaining());
            }
            command.setInts(Tag.NumberOfCompletedSuboperations, VR.US, counts.completed());
            command.setInts(Tag.NumberOfFailedSuboperations, VR.US, counts.failed());
            command.setInts(Tag.NumberOfWarningSuboperations, VR.US, counts.warning());
        }
        setIfPresent(command, Tag.ErrorComment, VR.LO, errorComment);
    }

    /**
     * The sub-operation counts of a response, or null when it has none; a missing count of
     * completed, failed or warning sub-operations reads as 0.
     */
    private static SubOperations subOperations(Attributes command) {
        Integer remaining = optionalInt(command, Tag.NumberOfRemainingSuboperations);
        Integer completed = optionalInt(command, Tag.NumberOfCompletedSuboperations);
        Integer failed = optionalInt(command, Tag.NumberOfFailedSuboperations);
        Integer warning = optionalInt(command, Tag.NumberOfWarningSuboperations);
        if (remaining == null && completed == null && failed == null && warning == null) {
            return null;
        }
        return new SubOperations(remaining, zeroIfAbsent(completed), zeroIfAbsent(failed), zeroIfAbsent(warning));
    }

    private static int zeroIfAbsent(Integer count) {
        return count == null ? 0 : count;
    }

    /** Command Data Set Type (0000,0800): any value but 0101H says a data set follows, PS3.7 Table E.1-1. */
    private static boolean dataSetFollows(Attributes command) {
        Integer type = optionalInt(command, Tag.CommandDataSetType);
        return type != null && type != NO_DATA_SET;
    }

    private static void setIfPresent(Attributes command, int tag, VR vr, String value) {
        if (value != null) {
            command.setString(tag, vr, value);
        }
    }

    private static Priority priority(int code) throws DimseException {
        return Priority.of(code).orElseThrow(() -> new DimseException(
                DimseException.Reason.INVALID_VALUE, String.format("Priority %04XH", code)));
    }

    private static int requiredInt(Attributes command, int tag) throws DimseException {
        return required(command, tag, Tags.toString(tag), DimseException.Reason.MISSING_ELEMENT);
    }

    private static int required(Attributes command, int tag, String name, DimseException.Reason reason)
            throws DimseException {
        Integer value = optionalInt(command, tag);
        if (value == null) {
            throw new DimseException(reason, name + " is missing");
        }
        return value;
    }

    /** A US value as 0-65535, or null when absent or empty. */
    private static Integer optionalInt(Attributes command, int tag) {
        long[] values = command.getLongs(tag);
        return values.length > 0 ? (int) (values[0] & 0xFFFF) : null;
    }

    private static String requiredString(Attributes command, int tag) throws DimseException {
        String value = command.getString(tag);
        if (value == null || value.isEmpty()) {
            throw new DimseException(DimseException.Reason.MISSING_ELEMENT, Tags.toString(tag) + " is missing");
        }
        return value;
    }
}
