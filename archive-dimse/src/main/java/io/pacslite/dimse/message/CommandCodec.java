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
            default -> throw new DimseException(DimseException.Reason.UNSUPPORTED_COMMAND, field.name());
        };
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
