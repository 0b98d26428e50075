/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;

/**
 * Walks a message's MIME structure with mime4j's pull parser, one event at a time, and hands every leaf part's
 * transfer-decoded body to the {@link ContentInspector}. No part is ever held whole: what the inspector does not
 * read, the parser skips in its raw form.
 *
 * <p>Part paths follow IMAP section numbers: {@code 1}, {@code 2}, {@code 2.1} inside an attached message. Anything
 * that stops the walk (a parse error, a limit) is reported on the message as a whole, since the parts after it
 * were never seen.
 */
final class MessageWalker {

    private enum Kind { MESSAGE, MULTIPART, BODY_PART }

    private static final class Frame {
        final Kind kind;
        final String path;
        int children;

        Frame(Kind kind, String path) {
            this.kind = kind;
            this.path = path;
        }
    }

    /** A limit was reached; the finding is already recorded. */
    private static final class StopWalking extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopWalking() {
            super(null, null, false, false);
        }
    }

    private final AttachmentPolicySettings settings;
    private final MimeConfig mimeConfig;
    private final Findings findings;
    private final ContentInspector inspector;
    private int entities;
    private int partsInspected;

    MessageWalker(AttachmentPolicySettings settings, MimeConfig mimeConfig, Findings findings) {
        this.settings = settings;
        this.mimeConfig = mimeConfig;
        this.findings = findings;
        this.inspector = new ContentInspector(settings, findings);
    }

    int partsInspected() {
        return partsInspected;
    }

    /** Walks a whole message; never throws. */
    void walk(InputStream message) {
        walk(message, "", 0);
    }

    private void walk(InputStream message, String basePath, int baseDepth) {
        MalformedMimeMonitor monitor = new MalformedMimeMonitor(findings);
        monitor.at(new Location(basePath, "", ""));
        MimeTokenStream tokens = new MimeTokenStream(mimeConfig, monitor, null);
        // attached messages are opened here rather than by the parser, so that their bytes are sniffed first and
        // message/global and .eml files are treated the same way
        tokens.setRecursionMode(RecursionMode.M_NO_RECURSE);
        tokens.parse(message);
        Deque<Frame> frames = new ArrayDeque<>();
        PartHeaders headers = new PartHeaders();
        String lastPath = basePath;
        try {
            for (EntityState state = tokens.getState(); state != EntityState.T_END_OF_STREAM; state = tokens.next()) {
                switch (state) {
                    case T_START_MESSAGE -> {
                        String path = frames.isEmpty() ? basePath : frames.peek().path;
                        enter(frames, new Frame(Kind.MESSAGE, path), baseDepth);
                        lastPath = path;
                    }
                    case T_START_MULTIPART -> {
                        Frame frame = new Frame(Kind.MULTIPART, frames.peek().path);
                        reportAmbiguity(headers, new Location(frame.path, "", ""));
                        enter(frames, frame, baseDepth);
                    }
                    case T_START_BODYPART -> {
                        Frame parent = frames.peek();
                        parent.children++;
                        String path = join(parent.path, Integer.toString(parent.children));
                        countEntity();
                        frames.push(new Frame(Kind.BODY_PART, path));
                        lastPath = path;
                        monitor.at(new Location(path, "", ""));
                    }
                    case T_START_HEADER -> headers = new PartHeaders();
                    case T_FIELD -> headers.add(tokens.getField());
                    case T_BODY -> {
                        Frame top = frames.peek();
                        String path = top.kind == Kind.MESSAGE ? join(top.path, "1") : top.path;
                        lastPath = path;
                        inspectLeaf(tokens, headers, path, frames.size() + baseDepth, monitor);
                    }
                    case T_END_BODYPART, T_END_MULTIPART, T_END_MESSAGE -> frames.pop();
                    default -> {
                        // preamble, epilogue and header boundaries carry nothing to judge
                    }
                }
            }
        } catch (StopWalking e) {
            // already reported
        } catch (MimeException | IOException | RuntimeException e) {
            // an attached message that breaks is reported on its own part, which can still be stripped whole
            findings.add(basePath, "", "", FindingReason.UNINSPECTABLE, "MIME structure cannot be parsed"
                    + (lastPath.isEmpty() ? "" : " after part " + lastPath) + ": " + e.getMessage());
        }
    }

    private void inspectLeaf(MimeTokenStream tokens, PartHeaders headers, String path, int depth,
                             MalformedMimeMonitor monitor) {
        List<String> names = headers.fileNames();
        Location part = new Location(path, first(names), "");
        monitor.at(part);
        partsInspected++;
        reportAmbiguity(headers, part);
        BodyDescriptor body = tokens.getBodyDescriptor();
        String mediaType = body.getMimeType() == null ? "" : body.getMimeType().toLowerCase(Locale.ROOT);
        String declared = headers.declaredMediaType();
        if (declared.equals("message/partial") || mediaType.equals("message/partial")) {
            inspector.checkNames(part, names);
            inspector.report(part, FindingReason.UNINSPECTABLE,
                    "message/partial fragment: the whole message is never seen in one place");
            return;
        }
        if (isAttachedMessage(mediaType, names)) {
            inspector.checkNames(part, names);
            if (depth + 1 > settings.maxMimeDepth()) {
                inspector.report(part, FindingReason.UNINSPECTABLE, "attached messages nested more than "
                        + settings.maxMimeDepth() + " deep");
                return;
            }
            InputStream attached = inspector.checkAttachedMessageContent(part, decodedBody(tokens, body, monitor));
            walk(attached, path, depth + 1);
            monitor.at(part);
            return;
        }
        boolean plainText = mediaType.equals("text/plain") || headers.isUuencoded();
        inspector.inspectPart(part, names, declared.isEmpty() ? mediaType : declared,
                decodedBody(tokens, body, monitor), plainText);
    }

    /** The body without its transfer encoding, through decoders that work on whole buffers. */
    private static InputStream decodedBody(MimeTokenStream tokens, BodyDescriptor body, MalformedMimeMonitor monitor) {
        String encoding = body.getTransferEncoding() == null ? "" : body.getTransferEncoding();
        InputStream raw = tokens.getInputStream();
        return switch (encoding) {
            case "base64" -> new Base64DecodingStream(raw, monitor);
            case "quoted-printable" -> new QuotedPrintableDecodingStream(raw);
            default -> raw;
        };
    }

    /**
     * Attached messages of any message type (bar the reports that only hold header-like text) and {@code .eml}
     * files, which mail clients open as messages just the same.
     */
    private static boolean isAttachedMessage(String mediaType, List<String> names) {
        if (mediaType.startsWith("message/") && !mediaType.equals("message/delivery-status")
                && !mediaType.equals("message/disposition-notification")) {
            return true;
        }
        for (String name : names) {
            if (FileNameRules.finalExtension(name).equals("eml")) {
                return true;
            }
        }
        return false;
    }

    private void reportAmbiguity(PartHeaders headers, Location at) {
        String ambiguity = headers.ambiguity();
        if (ambiguity != null) {
            findings.add(at.partPath(), at.fileName(), "", FindingReason.UNINSPECTABLE, ambiguity);
        }
    }

    private void enter(Deque<Frame> frames, Frame frame, int baseDepth) {
        countEntity();
        if (frames.size() + baseDepth >= settings.maxMimeDepth()) {
            findings.add("", "", "", FindingReason.UNINSPECTABLE, "MIME structure nested more than "
                    + settings.maxMimeDepth() + " deep");
            throw new StopWalking();
        }
        frames.push(frame);
    }

    private void countEntity() {
        entities++;
        if (entities > settings.maxParts()) {
            findings.add("", "", "", FindingReason.UNINSPECTABLE, "more than " + settings.maxParts()
                    + " MIME parts");
            throw new StopWalking();
        }
    }

    private static String first(List<String> names) {
        return names.isEmpty() ? "" : names.get(0);
    }

    private static String join(String parent, String child) {
        return parent.isEmpty() ? child : parent + "." + child;
    }
}
